//! Who may act on a letter, a campaign or a group: one decision for all of
//! them, from the caller's role on its team.

use crate::auth::guards::Authenticated;
use crate::db::entities::team_member::TeamRole;
use crate::error::{Error, Result};

/// Allowed with at least the role `need` (or as a moderator where
/// `moderators_may`). Otherwise what the caller may not even see does not
/// exist for them (404); a public thing, or too low a role, is forbidden (403).
pub(crate) fn decide(
    role: Option<TeamRole>,
    need: TeamRole,
    who: &Authenticated,
    moderators_may: bool,
    public: bool,
) -> Result<()> {
    if role.is_some_and(|r| r >= need) || (moderators_may && who.is_moderator()) {
        Ok(())
    } else if public || who.is_moderator() || role.is_some() {
        Err(Error::Forbidden)
    } else {
        Err(Error::NotFound)
    }
}
