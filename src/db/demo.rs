//! Sample letters for a newcomer's empty database (`demo = true`).

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set};

use super::entities::letter::{self, Category, LetterStatus};
use super::entities::letter_group;
use super::entities::signature::{self, SignatureStatus};
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
    allow_group_proposals: bool,
    /// Signers against their own employer: their mail names nothing, their address is not kept.
    discreet: bool,
    /// Its text in other languages: (language, title, summary, body).
    translations: &'static [(&'static str, &'static str, &'static str, &'static str)],
    /// Whom it is addressed to: (name, organisation, address).
    recipients: &'static [(&'static str, &'static str, &'static str)],
    /// Confirmed sample signatures: (name, title, group slug, email domain, anonymous).
    signatures: &'static [DemoSignature],
}

type DemoSignature = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    bool,
);

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
        allow_group_proposals: false,
        discreet: false,
        translations: &[],
        recipients: &[("Program chairs", "PETS Forum", "chairs@pets-forum.example")],
        signatures: &[
            ("Dr. Amara Okafor", "Associate Professor", None, "uni-hamburg.de", false),
            ("Jonas Lindqvist", "PhD student", None, "kth.se", false),
            ("Priya Raman", "Program committee member", None, "iisc.ac.in", false),
        ],
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
        allow_group_proposals: false,
        discreet: false,
        translations: &[],
        recipients: &[],
        signatures: &[
            ("Lena Ferreira", "Session cellist", None, "example.org", false),
            ("Marcus Bell", "Composer", None, "example.net", false),
        ],
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
        allow_group_proposals: true,
        discreet: false,
        translations: &[],
        recipients: &[],
        signatures: &[
            ("Rosa Delgado", "Staff attorney", Some("harbor-law-clinic"), "harborlaw.org", false),
            ("Samuel Owusu", "3L", Some("northfield-law-school"), "law.northfield.edu", false),
            ("Demo Signer 7", "Associate", None, "example.com", true),
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
        allow_group_proposals: false,
        discreet: true,
        translations: &[],
        recipients: &[],
        signatures: &[
            ("Demo Signer 1", "Senior software engineer", Some("orbitek"), "orbitek.com", true),
            ("Demo Signer 2", "Designer", Some("orbitek"), "maps.orbitek.com", true),
            ("Kai Nakamura", "Site reliability engineer", Some("orbitek"), "orbitek.com", false),
            ("Demo Signer 3", "Support lead", Some("orbitek"), "example.com", true),
        ],
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
        allow_group_proposals: true,
        discreet: false,
        translations: &[(
            "es",
            "Compromiso estudiantil: no trabajaremos para Arclight Defense",
            "Estudiantes de campus de todo el país se comprometen a no aceptar prácticas ni empleos en Arclight Defense.",
            "Arclight Defense recluta en nuestros campus cada otoño. También desarrolla el software de selección \
de objetivos usado en ataques que han matado a civiles.\n\nNosotras y nosotros, estudiantes de las universidades \
de abajo, **nos comprometemos a no solicitar, aceptar ni continuar** prácticas o empleos en Arclight Defense \
hasta que abandone ese trabajo. Busca tu campus abajo, o empieza un compromiso en tu universidad.",
        )],
        recipients: &[],
        signatures: &[
            ("Maya Chen", "CS '27", Some("stanford"), "stanford.edu", false),
            ("Demo Signer 4", "EE PhD student", Some("stanford"), "cs.stanford.edu", true),
            ("Diego Alvarez", "Mechanical Engineering '26", Some("stanford"), "stanford.edu", false),
            ("Hannah Brooks", "Physics '28", Some("mit"), "mit.edu", false),
            ("Demo Signer 5", "Course 6 undergraduate", Some("mit"), "mit.edu", true),
            ("Omar Haddad", "", Some("mit"), "example.com", false),
            ("Grace Kim", "Data Science '27", Some("berkeley"), "berkeley.edu", false),
            ("Tomás Ruiz", "", Some("michigan"), "umich.edu", false),
            ("Aisha Bello", "Robotics PhD student", Some("cmu"), "andrew.cmu.edu", false),
            ("Noah Schwartz", "ECE '26", Some("cmu"), "cmu.edu", false),
            ("Demo Signer 6", "Graduate student", None, "example.com", true),
        ],
    },
];

/// Seeds the sample letters if there are no letters at all. Returns how many it wrote.
pub async fn seed_if_empty(db: &DatabaseConnection) -> Result<usize> {
    if letter::Entity::find().count(db).await? > 0 {
        return Ok(0);
    }
    let txn = crate::db::begin(db).await?;
    let now = Utc::now();
    let campaign = demo_campaign(&txn, now).await?;
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
            allow_group_proposals: Set(demo.allow_group_proposals),
            discreet: Set(demo.discreet),
            created_at: Set(published),
            updated_at: Set(published),
            published_at: Set(Some(published)),
            closed_at: Set(None),
            campaign_id: Set(Some(campaign)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let recipients: Vec<super::deliveries::RecipientText<'_>> = demo
            .recipients
            .iter()
            .map(
                |(name, organisation, email)| super::deliveries::RecipientText {
                    name,
                    organisation: Some(organisation),
                    email,
                },
            )
            .collect();
        super::deliveries::replace_recipients(&txn, row.id, &recipients).await?;
        let translations: Vec<super::letters::TranslationText<'_>> = demo
            .translations
            .iter()
            .map(
                |(language, title, summary, body)| super::letters::TranslationText {
                    language,
                    title,
                    summary,
                    body,
                },
            )
            .collect();
        super::letters::replace_translations(&txn, row.id, &[], &translations).await?;
        let mut group_rows = Vec::new();
        for (slug, name, domains) in demo.groups {
            group_rows.push(
                letter_group::ActiveModel {
                    letter_id: Set(row.id),
                    slug: Set((*slug).into()),
                    name: Set((*name).into()),
                    email_domains: Set((*domains).into()),
                    require_verified: Set(false),
                    goal: Set(None),
                    created_at: Set(published),
                    status: Set(letter_group::GroupStatus::Accepted),
                    ..Default::default()
                }
                .insert(&txn)
                .await?,
            );
        }
        for (n, (name, title, group, domain, anonymous)) in demo.signatures.iter().enumerate() {
            let group = group.and_then(|g| group_rows.iter().find(|r| r.slug == g));
            let email = format!("demo-{}-{n}@{domain}", demo.slug);
            let verified = group
                .and_then(|g| g.verifying_domain(domain))
                .map(str::to_owned);
            let at = published + Duration::minutes(17 * (n as i64 + 1));
            signature::ActiveModel {
                letter_id: Set(row.id),
                group_id: Set(group.map(|g| g.id)),
                name: Set((*name).into()),
                email_normalized: Set(email.clone()),
                // A discreet signature keeps no address once confirmed.
                email: Set(if demo.discreet { String::new() } else { email }),
                discreet: Set(demo.discreet),
                title: Set(Some((*title).to_owned()).filter(|t| !t.is_empty())),
                affiliation: Set(None),
                anonymous: Set(*anonymous),
                updates: Set(false),
                verified_affiliation: Set(verified.is_some()),
                verified_domain: Set(verified),
                status: Set(SignatureStatus::Confirmed),
                moderation_reason: Set(None),
                created_at: Set(at),
                confirmed_at: Set(Some(at)),
                withdrawn_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(LETTERS.len())
}

/// The demo campaign the five letters are fronts of, published, with three
/// wins on its timeline. Its id.
async fn demo_campaign(
    txn: &impl sea_orm::ConnectionTrait,
    now: chrono::DateTime<Utc>,
) -> Result<i64> {
    let targets = [
        "Arclight".to_owned(),
        "PETS Forum".to_owned(),
        "LexBase".to_owned(),
    ];
    let help = [
        "Start a pledge at my school".to_owned(),
        "Host a teach-in".to_owned(),
        "Talk to my co-workers".to_owned(),
    ];
    let c = super::campaigns::insert_draft(
        txn,
        &super::campaigns::CampaignText {
            slug: "no-tech-for-arclight",
            title: "No Tech for Arclight",
            summary: "Students, academics, musicians, lawyers and tech workers refuse to build, \
                      sponsor or sell for Arclight's surveillance contract.",
            body: "Arclight's contract turns campus, cloud and courtroom data into a \
                   surveillance pipeline. Each letter below is one front: **find yours, sign \
                   it, and bring the people around you**.\n\nFind your campus below, or start \
                   a pledge at your school.",
            targets: &targets,
            help_options: &help,
            resources: "- The organising toolkit: https://example.org/toolkit\n\
                        - Weekly call: Thursdays 18:00 UTC",
            language: "en",
        },
        None,
    )
    .await?;
    super::campaigns::replace_translations(
        txn,
        c.id,
        &[],
        &[super::letters::TranslationText {
            language: "es",
            title: "Ninguna tecnología para Arclight",
            summary: "Estudiantes, académicos, músicos, abogados y trabajadores tecnológicos se \
                      niegan a construir, patrocinar o vender para el contrato de vigilancia de \
                      Arclight.",
            body: "El contrato de Arclight convierte los datos de campus, nubes y tribunales en \
                   una cadena de vigilancia. Cada carta de abajo es un frente: **encuentra la \
                   tuya, fírmala y suma a quienes te rodean**.\n\nBusca tu campus abajo, o \
                   empieza un compromiso en tu escuela.",
        }],
    )
    .await?;
    super::campaigns::move_status(
        txn,
        c.id,
        super::entities::campaign::CampaignStatus::Draft,
        super::entities::campaign::CampaignStatus::Published,
        None,
    )
    .await?;
    let wins = [
        (
            20,
            "PETS Forum drops Arclight as a sponsor",
            "After the academics' letter passed 1,000 signatures.",
        ),
        (
            9,
            "Two record labels pause their cloud migration",
            "The musicians' letter was delivered to both.",
        ),
        (
            2,
            "Students at 12 campuses hold teach-ins",
            "Organised by volunteers who signed up here.",
        ),
    ];
    for (days_ago, title, body) in wins {
        super::campaigns::insert_win(
            txn,
            super::campaigns::NewWin {
                campaign_id: c.id,
                happened_on: (now - Duration::days(days_ago)).date_naive(),
                title,
                body,
                link: None,
                author_id: None,
            },
        )
        .await?;
    }
    Ok(c.id)
}

/// The demo's people, once its letters are seeded: the organiser owns the
/// campaign, the lead leads Stanford on the students' pledge, three
/// volunteers have signed up (only the team and the lead see them), and one
/// batch of signatures collected on paper counts on the pledge.
pub async fn seed_people(
    db: &DatabaseConnection,
    (organiser_id, organiser_email): (i64, &str),
    (lead_id, lead_email): (i64, &str),
) -> Result<()> {
    use super::entities::{campaign, team_member, volunteer};
    use sea_orm::{ColumnTrait, QueryFilter};
    let now = Utc::now();
    let Some(c) = campaign::Entity::find()
        .filter(campaign::Column::Slug.eq("no-tech-for-arclight"))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let Some(pledge) = letter::Entity::find()
        .filter(letter::Column::Slug.eq("students-wont-work-for-arclight"))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let Some(stanford) = super::letters::group_by_slug(db, pledge.id, "stanford").await? else {
        return Ok(());
    };
    let txn = crate::db::begin(db).await?;
    super::teams::add_member(
        &txn,
        super::teams::Team::Campaign(c.id),
        organiser_id,
        organiser_email,
        team_member::TeamRole::Owner,
    )
    .await?;
    team_member::ActiveModel {
        letter_id: Set(Some(pledge.id)),
        user_id: Set(Some(lead_id)),
        email: Set(lead_email.to_owned()),
        role: Set(team_member::TeamRole::Lead),
        invited_at: Set(now),
        accepted_at: Set(Some(now)),
        group_id: Set(Some(stanford.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let volunteers = [
        (
            "Maya Chen",
            "stanford",
            "Start a pledge at my school",
            "I can table at White Plaza on Fridays.",
        ),
        (
            "Diego Ramírez",
            "berkeley",
            "Host a teach-in",
            "Our department has a room for forty.",
        ),
        ("Sam Okoro", "stanford", "Host a teach-in", ""),
    ];
    for (n, (name, group, help, message)) in volunteers.into_iter().enumerate() {
        let email = format!("demo-volunteer-{n}@{group}.example");
        let at = now - Duration::hours(5 * (n as i64 + 1));
        volunteer::ActiveModel {
            campaign_id: Set(c.id),
            name: Set(name.into()),
            email_normalized: Set(email.clone()),
            email: Set(email),
            group_slug: Set(Some(group.into())),
            place: Set(None),
            help: Set(serde_json::json!([help]).to_string()),
            message: Set(message.into()),
            token_hash: Set(None),
            token_expires_at: Set(at),
            created_at: Set(at),
            confirmed_at: Set(Some(at)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    super::paper::insert(
        &txn,
        super::paper::NewBatch {
            letter_id: pledge.id,
            group_id: Some(stanford.id),
            collected_on: (now - Duration::days(3)).date_naive(),
            place: "Stall at White Plaza",
            count: 37,
            names: &["Ines Alvarez".to_owned(), "Tom Whitfield".to_owned()],
            recorded_by: lead_id,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
