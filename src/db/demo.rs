//! Sample letters for a newcomer's empty database (`demo = true`).

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set, TransactionTrait,
};

use super::entities::letter::{self, Category, LetterStatus};
use super::entities::letter_group;
use crate::error::Result;

struct DemoLetter {
    slug: &'static str,
    title: &'static str,
    summary: &'static str,
    body: &'static str,
    category: Category,
    goal: i64,
    /// (slug, name, domains)
    groups: &'static [(&'static str, &'static str, &'static str)],
}

const LETTERS: &[DemoLetter] = &[
    DemoLetter {
        slug: "drop-the-data-broker-sponsor",
        title: "Privacy researchers to the PETS Forum: drop the data-broker sponsor",
        summary: "A privacy conference cannot be sponsored by a company whose business is trading in personal data.",
        body: "We are researchers, reviewers and past speakers of the **Privacy Enhancing Technologies Forum**. \
This year's programme lists Meridian Data Partners as a gold sponsor. Meridian buys and resells location \
histories, purchase records and inferred health conditions of millions of people who never agreed to it.\n\n\
A forum that exists to protect people from exactly this cannot lend its name to it. We ask the organising \
committee to **end the sponsorship**, to publish its sponsorship criteria, and to let the community review \
them before next year's call. Until then, we will not review for, speak at or attend the Forum.",
        category: Category::Academics,
        goal: 500,
        groups: &[],
    },
    DemoLetter {
        slug: "musicians-against-the-cloud-contract",
        title: "Musicians to Stratus Cloud: no music for surveillance",
        summary: "Working musicians refuse to license their work to a streaming deal that funds a border-surveillance contract.",
        body: "We are composers, session players, touring artists and teachers. Stratus Cloud hosts the streaming \
services that pay us, and it has signed a five-year contract to run the data platform of a border-surveillance \
programme.\n\nWe will not license new recordings, score trailers, or play showcase events sponsored by \
Stratus while that contract stands. We ask Stratus to **withdraw from the contract** and to publish the \
human-rights review it says it carried out.",
        category: Category::Musicians,
        goal: 1000,
        groups: &[],
    },
    DemoLetter {
        slug: "lawyers-to-lexbase",
        title: "Lawyers and law students to LexBase: stop selling our clients' data",
        summary: "The legal research publisher we all depend on also sells data to immigration enforcement.",
        body: "LexBase is the research tool of nearly every firm, clinic and law school we know. Its parent company \
also sells a people-search product, built from court records and utility data, to immigration enforcement.\n\n\
Lawyers owe their clients confidentiality; we cannot do our work on a platform that profits from handing \
people to the agencies we defend them against. We ask LexBase to **end these data contracts**, and we ask \
our firms and schools to make it a condition of renewal.",
        category: Category::Lawyers,
        goal: 1200,
        groups: &[
            ("harbor-law-clinic", "Harbor Law Clinic", "harborlaw.org"),
            ("northfield-law-school", "Northfield Law School", "law.northfield.edu"),
        ],
    },
    DemoLetter {
        slug: "workers-against-project-lantern",
        title: "Orbitek workers: cancel Project Lantern",
        summary: "Engineers, designers and support staff at Orbitek ask leadership to cancel a predictive-policing contract.",
        body: "We work at Orbitek. We build the maps, the search and the infrastructure our customers trust. \
Project Lantern would turn that work into a predictive-policing system for a national ministry, with no \
independent oversight and no way for the people it scores to know or contest it.\n\n\
Many of us sign **anonymously**, because we fear retaliation: our Orbitek addresses show that we are \
who we say we are. We ask leadership to **cancel Project Lantern** and to create an ethics board with \
worker representation that reviews every contract of its kind.",
        category: Category::TechWorkers,
        goal: 300,
        groups: &[("orbitek", "Orbitek employees", "orbitek.com")],
    },
    DemoLetter {
        slug: "students-wont-work-for-arclight",
        title: "Students pledge: we won't work for Arclight Defense",
        summary: "Students at campuses across the country pledge not to take internships or jobs at Arclight Defense.",
        body: "Arclight Defense recruits on our campuses every autumn. It also builds the targeting software \
used in strikes that have killed civilians.\n\nWe, students of the universities below, **pledge not to \
apply for, accept or continue** an internship or a job at Arclight Defense until it ends that work. \
Find your campus below, or start a pledge at your school.",
        category: Category::Students,
        goal: 3000,
        groups: &[
            ("stanford", "Stanford University", "stanford.edu"),
            ("mit", "MIT", "mit.edu"),
            ("berkeley", "UC Berkeley", "berkeley.edu"),
            ("michigan", "University of Michigan", "umich.edu"),
            ("cmu", "Carnegie Mellon University", "cmu.edu andrew.cmu.edu"),
        ],
    },
];

/// Seeds the sample letters if there are no letters at all. Returns how many it wrote.
pub async fn seed_if_empty(db: &DatabaseConnection) -> Result<usize> {
    if letter::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let txn = db.begin().await?;
    let now = Utc::now();
    for (i, demo) in LETTERS.iter().enumerate() {
        let published = now - Duration::days((LETTERS.len() - i) as i64);
        let row = letter::ActiveModel {
            slug: Set(demo.slug.into()),
            title: Set(demo.title.into()),
            summary: Set(demo.summary.into()),
            body: Set(demo.body.into()),
            category: Set(demo.category),
            status: Set(LetterStatus::Published),
            goal: Set(Some(demo.goal)),
            requires_approval: Set(false),
            created_at: Set(published),
            updated_at: Set(published),
            published_at: Set(Some(published)),
            closed_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (slug, name, domains) in demo.groups {
            letter_group::ActiveModel {
                letter_id: Set(row.id),
                slug: Set((*slug).into()),
                name: Set((*name).into()),
                email_domains: Set((*domains).into()),
                require_verified: Set(false),
                goal: Set(None),
                created_at: Set(published),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(LETTERS.len())
}
