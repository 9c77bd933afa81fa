//! `letter_groups`: a campus, firm, union... that signers of a letter belong to.

use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letter_groups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub letter_id: i64,
    pub slug: String,
    pub name: String,
    /// Space-separated, lower-case email domains whose addresses verify membership.
    pub email_domains: String,
    pub require_verified: bool,
    pub goal: Option<i64>,
    pub created_at: DateTimeUtc,
    pub status: GroupStatus,
    /// Its signers are discreet, as on a discreet letter.
    pub discreet: bool,
}

/// A group the organiser listed is `accepted`; one a signer proposed is
/// `proposed` until a moderator or the organiser accepts it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum GroupStatus {
    #[sea_orm(string_value = "accepted")]
    Accepted,
    #[sea_orm(string_value = "proposed")]
    Proposed,
}

impl Model {
    /// The group's email domains as a list.
    pub fn domains(&self) -> Vec<&str> {
        self.email_domains.split_whitespace().collect()
    }

    /// The listed domain an address at `email_domain` verifies against: the
    /// domain itself or one of its parents (`cs.stanford.edu` → `stanford.edu`).
    /// Look-alikes (`stanford.edu.evil.com`, `evilstanford.edu`) match nothing.
    pub fn verifying_domain(&self, email_domain: &str) -> Option<&str> {
        let listed = self.domains();
        crate::domain::email::domain_and_parents(email_domain)
            .into_iter()
            .find_map(|d| listed.iter().copied().find(|l| *l == d))
    }

    /// The listed domain the stored address `email` verifies against.
    pub fn verifying_domain_of_address(&self, email: &str) -> Option<String> {
        let domain = email.rsplit_once('@')?.1.to_ascii_lowercase();
        self.verifying_domain(&domain).map(str::to_owned)
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::letter::Entity",
        from = "Column::LetterId",
        to = "super::letter::Column::Id",
        on_delete = "Cascade"
    )]
    Letter,
}

impl Related<super::letter::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Letter.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
