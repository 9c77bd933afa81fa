## The site around every page.

site-name = Undersigned
skip-to-content = Skip to the content
nav-site = Site
nav-dashboard = Dashboard
nav-moderation = Moderation
nav-log-out = Log out
nav-log-in = Log in
nav-start-letter = Start a letter
footer-tagline = Undersigned: open letters, confirmed signatures, true counts.
footer-atom = New letters (Atom feed)
language-switcher = Language
language-name = English
see-all-letters = See all letters

## Counts.

# $n selects the plural; $count is $n as the language writes numbers.
count-signatures = { $n ->
    [one] { $count } signature
   *[other] { $count } signatures
}
count-signatures-label = Signatures so far
count-signed = { $count } signed
count-online-verified-paper = { $online } online, { $verified } of them verified, + { $paper } on paper
count-verified = { $count } from verified addresses
count-goal = Goal: { $count } signatures

## The letter page.

letter-kind = Open letter
letter-kind-closed = closed
letter-part-of = part of <a href="{ $url }">{ $title }</a>
letter-to = To: { $to }
letter-sign-aside = Sign
letter-goal-reached = Goal reached on { $date }.
letter-closes-on = Closes on { $date }.
letter-closed = <strong>This letter is closed.</strong> It no longer takes signatures; the list below is final.
letter-pdf = The letter with its signatures (PDF)
letter-check = How to check this count
letter-updates-feed-title = Updates on { $title }
letter-delivered = Delivered
letter-delivered-to = Delivered to { $to } on <time datetime="{ $date }">{ $on }</time> with { $count } signatures.
letter-updates = Updates
letter-response-from = Response from { $from }:
letter-follow-updates = Follow the updates (Atom feed)
letter-why-they-signed = Why they signed
letter-recently-signed = Recently signed
letter-chart = Signatures over time
letter-chart-alt = A chart of the { $count } signatures by the time they were confirmed.
letter-chart-caption = Counted by the hour (or day) each signature was confirmed. <a href="{ $data }">The data (JSON)</a> · <a href="{ $chart }">the chart on its own</a>.
letter-groups = Signatures by { $noun }
letter-find-group = Find a group
letter-find-your-group = Find your { $noun }
search = Search
letter-group-signed = <strong>{ $count }</strong> signed
letter-group-verified = { $count } verified
letter-group-progress = { $name }: { $progress }% of its goal of { $goal }
letter-no-group = No { $noun } matches.
letter-no-group-query = No { $noun } matches “{ $q }”.
letter-start-pledge = Start a pledge at yours with the form above.
letter-spread = Spread the word
letter-embed = On your own site: the <a href="{ $badge }">counter badge</a> or the <a href="{ $embed }">widget</a> (<code>{ $code }</code>).

## One signatory.

signatory-anonymous = Anonymous
signatory-verified = — verified { $domain } address
signatory-verified-title = Confirmed from an address at { $domain }

## The list of signatories.

signatories = Signatories
signatories-from = Signatories from { $group }
signatories-search = Search the signatories
signatories-search-label = Search the list by name, title or affiliation
signatories-none-match = No signatory matches “{ $who }”.
signatories-matches = { $n ->
    [one] One signatory matches “{ $who }”.
   *[other] { $count } signatories match “{ $who }”.
}
signatories-show-all = Show the whole list
signatories-none = No confirmed signatures yet.
signatories-matches-label = Matches
signatories-pages = Pages of signatories
page-previous = Previous
page-next = Next
page-of = Page { $page } of { $pages }
signatories-paper = Signed on paper
signatories-paper-note = Collected on paper sheets by the organisers; counted, never verified.
signatories-paper-batch = <strong>{ $count }</strong> on paper, collected on <time datetime="{ $date }">{ $on }</time> at { $place }
signatories-on-paper = (on paper)
signatories-csv = Download the list (CSV)

## The signing form.

sign-title = Sign this letter
sign-title-group = Sign this letter with { $group }
sign-privacy = Your name, title and affiliation are shown on the list (not your name if you sign anonymously). Your email never is.
sign-discreet-letter = This letter is discreet
sign-discreet-group = Signing with { $groups } is discreet
sign-discreet-help = : the email we send you to confirm says only “Confirm your signature”, naming neither the letter nor whom it is addressed to, and once you confirm we keep only your address's domain (for the verified badge), never the address itself. Your confirmation link still lets you withdraw.
sign-name = Name
sign-email = Email
sign-email-note = (never shown; we send you a link to confirm)
sign-email-help = Sign with your { $noun } address to be shown as verified, even if you sign anonymously.
sign-title-field = Title or role
optional = (optional)
sign-affiliation = Affiliation
sign-group-none = None
sign-group-only = ({ $domains } addresses only)
sign-new-group = Not listed? Start a pledge at your { $noun }
sign-new-group-note = (its full name; it appears once the organisers accept it, and your signature counts meanwhile)
sign-reason = Why you sign
sign-reason-note = (optional, up to 280 characters; shown with your signature as the list shows it, once a moderator approves it)
sign-anonymous = Sign anonymously: show “Anonymous” instead of my name
sign-updates = The organisers may email me updates about this letter
sign-updates-email = A personal address for updates
sign-updates-email-note = (optional; not your work address: we keep this one instead, to email you the organisers' updates)
sign-updates-email-note-groups = (optional, for { $groups }; not your work address: we keep this one instead, to email you the organisers' updates)
sign-button = Sign

## After signing.

check-email-title = Check your email
check-email-sent = We've sent you an email about <a href="{ $url }">{ $title }</a>.
    Open the link in it and press the button to confirm: your signature counts only once it is confirmed.
check-email-hours = The link works for { $hours } hours. Nothing arrived? Look in your spam folder, or sign again with the same address to get a new link.
confirm-title = Confirm your signature
confirm-about = You are about to confirm your signature on <a href="{ $url }">{ $title }</a>.
confirm-button = Confirm my signature
thanks-title = Thank you
thanks-awaiting = Your signature on <a href="{ $url }">{ $title }</a> is confirmed. The organisers review signatures on this letter; yours will appear once it is approved.
thanks-counts = Your signature on <a href="{ $url }">{ $title }</a> is confirmed and counts now.
thanks-place = You are signatory <strong>no. { $count }</strong>.
thanks-share = Ask others to sign
thanks-share-why = Letters grow when people who signed pass them on. Share the link:
thanks-share-link = Link to the letter
thanks-receipt = Your receipt
thanks-receipt-why = Every signature on this letter is in a public log anyone can check. Keep this receipt: with it you can find your own entry and prove it is yours, even if you signed anonymously. It is shown only now; we keep only a fingerprint of it.
thanks-receipt-download = Download the receipt
thanks-receipt-copy = Or copy it
thanks-withdraw = Changed your mind? The email we sent you has a link to withdraw your signature.
withdraw-title = Withdraw your signature
withdraw-about = You are about to withdraw your signature from <a href="{ $url }">{ $title }</a>. It will leave the count and the list.
withdraw-button = Withdraw my signature
withdrawn-title = Signature withdrawn
withdrawn-heading = Your signature is withdrawn
withdrawn-about = It no longer counts toward <a href="{ $url }">{ $title }</a> and is gone from the list.

## Errors.

error-not-found = We couldn't find that page.
error-forbidden = You are not allowed to do that. If you were filling in a form, reload the page and try again.
error-bad-request = That request couldn't be understood.
error-internal = Something went wrong on our side. Please try again shortly.
error-name-empty = Enter your name.
error-name-control = Your name can't contain control characters.
error-name-long = Your name is too long (at most { $max } characters).
error-name-url = A name can't contain a web address.
error-name-formula = A name can't start with =, +, - or @.
error-email-empty = Enter your email address.
error-email-long = That email address is too long.
error-email-invalid = Enter a valid email address, like name@example.org.
error-text-chars = Use letters, digits and punctuation only.
error-text-long = Keep this under { $max } characters.
error-group-unknown = Choose one of this letter's groups.
error-group-name-short = Give the group's full name.
error-group-both = Choose a listed group or propose a new one, not both.
error-group-no-proposals = This letter does not take new groups; choose one of its groups.
error-group-verified-only = { $group } takes signatures only from { $domains } addresses. Use that address, or choose another group.
error-letter-closed = This letter is closed and no longer takes signatures.
error-link-not-valid = This link has expired or has already been used.

## Email to signers.

mail-hello = Hello { $name },
mail-hello-anonymous = Hello,
mail-confirm-subject = Confirm your signature on “{ $title }”
mail-confirm-thanks = Thank you for signing “{ $title }”.
mail-confirm-link = Confirm your signature by opening this link and pressing the button (it works for { $hours } hours):
mail-confirm-link-html = <a href="{ $url }">Confirm your signature</a> by opening this link and pressing the button (it works for { $hours } hours). Your signature counts only once it is confirmed.
mail-confirm-counts = Your signature counts only once it is confirmed.
mail-withdraw-any-time = To withdraw your signature at any time, before or after confirming:
mail-withdraw-any-time-html = To withdraw your signature at any time, before or after confirming: <a href="{ $url }">withdraw</a>.
mail-footer-why = You get this email because someone signed this letter with your address. If it wasn't you, ignore it: nothing is published without confirmation.
error-check-form = Please check the form and try again.
mail-discreet-subject = Confirm your signature
mail-discreet-already-subject = You have already signed
mail-already-signed = Someone (probably you) just signed “{ $title }” with this address, which has already signed it. We have not added a second signature.
mail-already-signed-discreet = Someone (probably you) just signed with this address, which has signed before. We have not added a second signature.
mail-not-confirmed = Your signature is not confirmed yet. To confirm it, open this link and press the button (it works for { $hours } hours):
mail-not-confirmed-html = Your signature is not confirmed yet: <a href="{ $url }">confirm it</a> (the link works for { $hours } hours).
mail-withdraw = To withdraw your signature:
mail-withdraw-html = To withdraw your signature: <a href="{ $url }">withdraw</a>.
mail-discreet-behind-link = What you signed is shown behind the link.
mail-discreet-footer-why = You get this email because someone used your address to sign with Undersigned. If it wasn't you, ignore it: nothing is published without confirmation.
noun-campus = campus
noun-company = company
noun-group = group
letter-languages = This letter in:

## A group's page.

group-breadcrumb = Breadcrumb
group-tally-label = Signatures from { $group }
group-in-all = { $count } signed the letter in all.
group-read-letter = Read the letter
group-verified-note = Signatures confirmed from an address at { $domains } are marked verified.
group-verified-only-note = Signatures confirmed from an address at { $domains } are marked verified; this { $noun } takes only such signatures.

## The home page.

home-feed-title = New open letters
home-title = Open letters and campaigns
home-search = Search the letters
home-search-titles = Search titles
home-audience = Audience
home-audience-everyone = Everyone
home-show = Show
home-show-all = Show all
home-campaigns = Campaigns
home-campaign-count = <strong>{ $count }</strong> signatures on { $letters ->
    [one] { $letters } letter
   *[other] { $letters } letters
}
home-campaign-verified = , { $count } from verified addresses
home-more-letters = More letters
home-letters = Letters
home-no-match = No letter matches.
home-none = No letters have been published yet.
home-letter-count = <strong>{ $count }</strong> signed
home-letter-goal = of a goal of { $goal }

## How to check this count.

check-title = How to check this count
check-on = On <a href="{ $url }">{ $title }</a>.
check-intro = You do not have to take our word for the number on this letter. Every signature that enters the count, and every one that leaves it (withdrawn by its signer, or hidden or rejected by a moderator, with the reason), is written into a public log that can only grow. Signatures collected on paper are in it too, marked as such.
check-what = What the log is
check-what-entry = Each entry says what happened, when, to which signature (by an anonymous number), and what the public list shows of it, in a fingerprint that cannot be reversed: an anonymous signer's name is never in it.
check-what-tree = The entries are chained into a tree of fingerprints (a Merkle tree, as in Certificate Transparency). Its top fingerprint changes if any entry is changed, removed or reordered.
check-what-head = Every second or so we publish the top fingerprint, the number of entries and the count, signed with our key. We cannot later show one person a different history from another without the signatures giving us away.
check-what-receipt = Everyone who signs gets a receipt. With it they can prove their own signature is in the log, even if they signed anonymously.
check-now = The log now
check-entries = Entries
check-count = Count
check-root = Top fingerprint
check-signed-at = Signed at
check-key = Key
check-yourself = Check it yourself
check-command = With the free <code>undersigned</code> program, one command fetches everything, recomputes every fingerprint and the count, and checks the signature:
check-again = Run it again later with the same <code>--state</code> folder: it checks that the log only grew since. Add <code>--receipt receipt.json</code> to prove your own signature is in it.
check-data = Or fetch the data and check it your own way (the exact format is in the service's documentation):
check-data-head = The signed head
check-data-entries = The first { $count } entries
check-data-key = The key

## Stopping updates, and volunteering.

unsubscribe-title = Stop updates
unsubscribe-heading = Stop updates about this letter
unsubscribe-already = You no longer get updates about <a href="{ $url }">{ $title }</a>. Your signature still counts.
unsubscribe-why = You get emails from the organisers of <a href="{ $url }">{ $title }</a> because you signed it and agreed to hear from them. Press the button to stop them; your signature still counts.
unsubscribed-title = Updates stopped
unsubscribed-heading = You will get no more updates about this letter
unsubscribed-about = The organisers of <a href="{ $url }">{ $title }</a> will not email you again. Your signature still counts; its updates stay on the letter's page.
organise-check-email-sent = We've sent you an email about organising with <a href="{ $url }">{ $title }</a>.
    Open the link in it and press the button to confirm.
organise-check-email-hours = The link works for { $hours } hours. Nothing arrived? Look in your spam folder, or sign up again with the same address to get a new link.
volunteer-confirm-title = Confirm you want to organise
volunteer-confirm-about = You are about to confirm that you want to organise with <a href="{ $url }">{ $title }</a>. The organisers will see your name, your address and what you wrote.
volunteer-confirm-button = Confirm
volunteer-welcome-title = Welcome
volunteer-welcome-heading = Welcome to { $title }
volunteer-welcome-about = You are confirmed as a volunteer. We've emailed you what the organisers prepared (toolkit, meeting times), and they will be in touch.
volunteer-back = Back to the campaign

## "Sign up to start organising".

organise-heading = Sign up to start organising
organise-intro = Meet other people organising with <a href="{ $url }">{ $title }</a>, and get resources and support to launch a campaign where you study or work. Only the organisers (and the leads of your campus or workplace) see what you send here; nothing is published.
organise-check-fields = Please check the fields marked below.
organise-name = Your name
organise-email-note = (we send you a link to confirm)
organise-place = Your campus or workplace
organise-not-listed = Not listed
organise-place-not-listed = Not listed? Your campus or workplace
organise-help = What would you like to do?
organise-message = A short message
organise-button = Sign up to organise

## Dates.

date-long = { $day } { $month } { $year }
date-time = { $date }, { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## A campaign's page.

campaign-kind = Campaign
campaign-aimed-at = Aimed at: { $targets }
campaign-count = { $count } signatures on { $letters ->
    [one] { $letters } letter
   *[other] { $letters } letters
}
campaign-fronts = Sign the letter for who you are
campaign-find-group = Find your campus or workplace
campaign-group-search = Campus, company or email domain
campaign-groups-more = { $count } match; search to narrow them.
campaign-no-group = Nothing matches. Sign the letter for who you are above, and propose yours.
campaign-no-group-query = Nothing matches “{ $q }”. Sign the letter for who you are above, and propose yours.
campaign-story = The campaign's story
campaign-wins = Wins
campaign-update-on = on <a href="{ $url }">{ $title }</a>
campaign-chart-alt = A chart of the campaign's { $count } signatures by the time they were confirmed.
campaign-chart-caption = Every letter of the campaign together, counted by the hour (or day) each signature was confirmed.
organise-with = Organise with { $title }
audience-academics = Academics
audience-musicians = Musicians
audience-lawyers = Lawyers
audience-tech-workers = Tech workers
audience-students = Students
audience-other = Other
share-text = I signed “{ $title }”. Add your name:
share-email = Email

## The widget other sites embed.

embed-count-goal = { $count } signed of { $goal }
embed-progress = { $progress }% of the goal
embed-sign = Sign this letter
embed-closed = This letter is closed.

## Proposed groups.

proposals-none = No groups waiting.
proposals-on = On <a href="{ $url }">{ $title }</a>
proposals-proposed = proposed { $at } · { $confirmed } confirmed, { $pending } not yet
proposals-name = Name
proposals-domains = Email domains that verify members
proposals-domains-note = (optional, space-separated, e.g. ucsc.edu)
proposals-accept = Accept
proposals-reason = Reason for rejecting
proposals-reason-note = (optional; its signatures stay on the letter)
proposals-reject = Reject

## Accounts.

account-check-email = We've sent a message to { $email }. Open the link in it to finish.
account-confirm-title = Confirm your account
account-confirm-button = Confirm my account
account-confirmed = Your account is confirmed
account-confirmed-note = You can log in now.
account-reset-sent = If that address has an account, we've sent it a link to choose a new password. The link works for an hour.
account-password-changed = Your password is changed
account-password-changed-note = Every session was logged out. Log in with your new password.
account-forgot-title = Forgot your password?
account-email = Email
account-password = Password
account-password-new = New password (at least 12 characters)
account-send-link = Send me a link
account-register-title = Create an organiser account
account-register-note = Organisers draft letters; a moderator publishes them.
account-register-button = Create account
account-reset-title = Choose a new password
account-reset-button = Set password
password-too-short = Use at least { $n } characters.
password-too-long = Use at most { $n } characters.
password-repeated = Use more than one repeated character.
error-bad-credentials = That email and password don't match an account.
error-unauthorized = You need to log in.
error-rate-limited = Too many attempts; try again in { $n } seconds.
error-unavailable = The service is unavailable; try again shortly.
error-campaign-closed = This campaign is closed and no longer takes volunteers.

## Teams.

invitation-title = Join a team
invitation-heading = Join the team of “{ $title }”
invitation-role = You are invited to this { $what ->
    [campaign] campaign
   *[letter] letter
}'s team as { $role ->
    [owner] an owner: everything, the team included.
    [editor] an editor: writing, submitting, updates, delivery, the timeline and the groups.
    [lead] its lead: the group's numbers, its list and its volunteers.
   *[viewer] a viewer: the numbers, the lists and the exports.
}
invitation-join-as = Join as { $email }
invitation-log-in = <a href="/login">Log in</a> or <a href="/register">create an account</a>, then open the link in the email again.

## Moderation.

mod-audit = Audit log
mod-when = When
mod-who = Who
mod-what = What
mod-on = On
mod-why = Why
mod-blocks = Blocks
mod-blocks-heading = Blocked addresses and domains
mod-blocks-intro = Signatures from a blocked address or domain (and its subdomains) get the ordinary answer and are not stored.
mod-blocks-target = Email address or domain
mod-reason = Reason
mod-block = Block
mod-kind = Kind
mod-value = Value
mod-block-email = address
mod-block-domain = domain
mod-groups = Proposed groups
mod-groups-intro = Signers proposed these groups. Accepting shows the group on its letter with the signatures it already has (those from the domains you give are marked verified); rejecting keeps the signatures on the letter without a group.
mod-mail = Undelivered mail
mod-mail-waiting = { $n ->
    [one] { $count } message waiting to be sent.
   *[other] { $count } messages waiting to be sent.
}
mod-mail-oldest = The oldest was queued { $secs } s ago.
mod-mail-failed = { $count } given up on: refused for good by the receiving server, or still failing after every retry. They are kept { $days } days, then deleted.
mod-mail-none = Every message has been delivered or is still being tried.
mod-queued = Queued
mod-to = To
mod-attempts = Attempts
mod-last-error = Last error
mod-padding = Padding
mod-padding-heading = Is this list padded?
mod-padding-intro = Signatures counted or awaiting approval, looked at three ways. None of this proves padding; it shows where to look.
mod-padding-invalidated = { $n ->
    [one] { $count } signature taken out of the count.
   *[other] { $count } signatures taken out of the count.
}
mod-padding-bursts = Signatures per email domain per hour
mod-padding-no-signatures = No signatures yet.
mod-padding-bursts-caption = The busiest hours of signing (UTC), by domain
mod-domain = Domain
mod-hour = Hour (UTC)
mod-signatures = Signatures
mod-padding-disposable-mark = (disposable)
mod-padding-disposable = Disposable-mail domains
mod-padding-no-disposable = No signature comes from a domain on the disposable-mail list.
mod-padding-disposable-caption = Domains on the disposable-mail list
mod-padding-names = Names repeated or written several ways
mod-padding-no-names = No name appears twice, even with small changes.
mod-padding-names-caption = Names that differ only in case, accents, order, punctuation or one letter
mod-padding-spellings = Spellings
mod-padding-invalidate = Invalidate signatures in bulk
mod-padding-invalidate-intro = Takes every signature from the domain (and its subdomains) signed in the time range out of the count. The signers get no mail; the signature log records each removal as <code>invalidated</code> and the audit log records your reason.
mod-padding-domain = Email domain
mod-padding-from = From (UTC)
mod-padding-until = Until (UTC, not included)
mod-padding-reason = Reason (for the audit log)
mod-padding-invalidate-button = Invalidate
mod-queue-waiting = { $count } signatures awaiting approval
mod-queue-proposed = { $count } proposed groups
mod-queue-reasons = { $n ->
    [one] { $count } reason to review
   *[other] { $count } reasons to review
}
mod-queue-undelivered = { $n ->
    [one] { $count } undelivered email
   *[other] { $count } undelivered emails
}
mod-letters-in-review = Letters in review
mod-nothing = Nothing to review.
mod-campaigns-in-review = Campaigns in review
mod-publish-campaign = Publish the campaign
mod-reject-reason = Reason for rejecting (the organiser sees it)
mod-updates-in-review = Updates in review
mod-publish-update = Publish and email the signers
mod-reasons = Reasons
mod-reasons-heading = Why they signed: reasons to review
mod-reasons-intro = An approved reason shows on its letter's page, attributed as the list shows its signer (an anonymous signer's name never shows).
mod-reasons-none = No reasons are waiting.
mod-select-all = Select all
mod-select = Select
mod-letter = Letter
mod-reason-column = Reason
mod-signer = Signer
mod-select-reason = Select the reason of signature { $id }
mod-anonymous-mark = (anonymous)
mod-with-selected = With the selected
mod-approve = Approve
mod-apply = Apply
mod-review = Review: { $title }
mod-status-label = Status
mod-groups-list = Groups
mod-paper = Signatures on paper
paper-batch = { $count } on { $on } at { $place }
mod-paper-reason = Reason for removing them
mod-paper-remove = Remove from the count
mod-publish = Publish
mod-letter-slug = Letter (slug)
mod-filter = Filter
mod-signatures-none = No signatures here.
mod-title-affiliation = Title, affiliation
mod-signed = Signed
mod-select-signature = Select signature { $id }
mod-yes = yes
mod-no = no
mod-hide = Hide
mod-decision-reason = Reason (needed to reject or hide)
sig-status-awaiting-approval = awaiting approval
sig-status-confirmed = confirmed
sig-status-unconfirmed = unconfirmed
sig-status-hidden = hidden
sig-status-rejected = rejected
sig-status-withdrawn = withdrawn
letter-status-draft = a draft
letter-status-in-review = in review
letter-status-published = published
letter-status-rejected = rejected
letter-status-closed = closed

## The organisers' pages.

org-your-letters = Your letters
org-draft-letter = Draft a new letter
org-start-campaign = Start a campaign
org-groups-you-lead = Groups you lead
org-your-campaigns = Your campaigns
org-volunteer-count = { $n ->
    [one] { $count } volunteer
   *[other] { $count } volunteers
}
org-no-letters = You have no letters yet.
org-today = Today
org-awaiting-approval = Awaiting approval
org-rejected = Rejected: { $reason }
org-chart-alt = Signatures over time for { $title }: { $count } in all, { $today } today.
org-log-out-everywhere = Log out everywhere
org-letter-counts = { $count } signatures{ $verified ->
    [0] {""}
   *[other] {" "}({ $verifiedf } verified)
}{ $paper ->
    [0] {""}
   *[other] , { $paperf } of them on paper
}
org-public-page = Public page
org-preview = Preview
org-export = Export signatures (CSV)
org-delivery = Recipients and delivery
org-team = Team
org-by-language = Signed in each language
org-close = Close this letter
org-write-update = Write an update or record a response
org-update = Update
org-recipients = Recipients
org-sent = Sent
org-waiting = Waiting
org-failed = Failed
update-status = { $status ->
    [published] published
    [rejected] rejected
   *[in_review] in review
}
org-group = Group
org-signed = Signed
org-verified = Verified
org-goal = Goal
org-edit = Edit
org-new-letter = New letter
org-edit-title = Edit “{ $title }”
org-sent-back = A moderator sent this letter back: { $reason }
org-preview-public = Preview as the public will see it
org-submit = Submit for review
org-field-slug = Slug
org-field-title = Title
org-field-summary = Summary
org-field-body = Body (Markdown)
org-field-category = Category
org-field-goal = Goal (number of signatures, optional)
org-field-approval = Signatures need a moderator's approval
org-field-proposals = Signers may propose a group that is not listed (“start a pledge at your school”); it appears once you or a moderator accept it
org-field-discreet = Discreet: for people signing against their own employer. The confirmation email names neither the letter, nor its recipients, nor the employer, and once a signer confirms we keep only their address's domain (for the verified badge), never the address
org-field-groups = Groups, one per line: <code>slug | Name | email domains | options</code>
org-field-groups-help = Email domains verify membership: a signature confirmed from <code>stanford.edu</code> or <code>cs.stanford.edu</code> is marked “verified”. Options: <code>verified</code> to accept only such addresses, <code>discreet</code> to keep that group's signers discreet (as the checkbox above does for everyone), and a number for the group's goal, e.g. <code>verified 500</code>.
org-save-draft = Save draft
org-field-story = The story (Markdown)
org-field-targets = Targets, one per line (“Palantir”, “PETS Forum”)
org-field-help-options = What a volunteer can offer to do, one per line (“Start a pledge at my school”)
org-field-resources = Resources for confirmed volunteers (Markdown: toolkit links, meeting times)
org-optional = (optional)
org-none = None
org-paper-count = How many signed
org-paper-date = Collected on
org-paper-place = Where (a stall, a teach-in)
org-paper-names = Names for the public list, one per line
org-paper-names-note = (optional; only those who agreed to be listed)
org-paper-record = Record the signatures on paper
org-its-public-page = Its public page
org-its-team = Its team
org-its-volunteers = Its volunteers
org-campaign-sent-back = A moderator sent this campaign back: { $reason }
org-its-letters = Its letters
org-no-letter = No letter yet.
org-add-letter = Add one of your letters
org-add-it = Add it
org-campaign-new-letter = <a href="/organiser/letters/new">Draft a new letter</a>; the API's <code>"campaign"</code> field adds it at once.
org-for-volunteers = For volunteers
org-save = Save
org-timeline = Timeline of wins
org-win-date = Day
org-win-title = What happened
org-win-body = A few words (optional)
org-win-link = Link (optional)
org-win-post = Post the win
org-new-campaign = New campaign
org-campaign-intro = A campaign joins letters aimed at the same targets (a student pledge, an academics' letter, a workers' letter) under one page with their combined count and a timeline of wins. A moderator reviews it before it is public.
org-deliver-title = Deliver: { $title }
org-deliver-heading = Deliver the letter
org-deliver-intro = About <a href="{ $url }">{ $title }</a>. Name whom the letter is written to; the page shows their names and organisations, never their addresses. Delivering sends each of them the letter with its counts and a link to it as a PDF, and the page says when it was delivered and with how many signatures.
org-recipients-format = One per line: name | organisation | email address
org-recipients-example = For example: Program chairs | PETS Forum | chairs@pets.example
org-recipients-save = Save the recipients
org-deliver-preview = What each recipient gets
org-subject = Subject
org-deliver-now = Deliver the letter now
org-deliver-once-published = A letter is delivered once it is published.
org-deliveries = Deliveries
org-not-delivered = Not delivered yet.
org-group-public-page = the group's public page
org-nobody-yet = Nobody yet.
org-group-first = The first { $count }; the rest on <a href="{ $url }">the public page</a>.
org-group-proposals = Proposals naming { $name }
org-group-proposals-intro = Signers of the campaign's other letters proposed this campus or workplace: accept it and it appears on that letter, with their signatures.
org-group-paper-intro = Collected for { $name } at a stall or a teach-in: they count for the group and the letter, shown apart, never verified.
org-volunteers = Volunteers
org-group-no-volunteers = Nobody from this group has signed up to organise yet.
org-group-all-volunteers = <a href="{ $url }">All the volunteers you may see</a> (and their CSV).
org-name-lead = Name a lead
org-name-lead-intro = A lead sees this page for this group only: its numbers, its list and its volunteers.
org-their-email = Their email address
org-send-invitation = Send the invitation
org-preview-note = this is how the public will see the letter.
org-team-of = Team of “{ $title }”
org-team-back = { $what ->
    [campaign] Back to the campaign
   *[letter] Back to the letter
}
org-team-in-campaign = This letter is part of a campaign: the campaign's team runs it too.
org-role = Role
org-change = Change
org-remove = Remove
org-leave = Leave
org-role-name = { $role ->
    [owner] owner
    [editor] editor
    [lead] lead
   *[viewer] viewer
}
org-member = member
org-invited = invited
org-role-of = Role of { $email }
org-invite = Invite someone
org-email-address = Email address
org-role-editor = editor: writes, submits, updates, delivers
org-role-viewer = viewer: numbers, lists and exports
org-role-owner = owner: everything, the team included
org-update-new = New update: { $title }
org-update-heading = Write an update
org-update-intro = About <a href="{ $url }">{ $title }</a>. A moderator reviews it; once published it shows on the letter's page and is emailed once to every signer who agreed to hear from you. One update a day at most.
org-update-what = What is it?
org-update-kind-update = An update from the organisers
org-update-kind-response = A response from a recipient of the letter
org-update-from = Who responded (for a response)
org-update-text = Text (Markdown)
org-update-send = Send for review
org-volunteers-of = Of <a href="{ $url }">{ $title }</a>. Confirmed by email; never public.
org-volunteers-of-groups = Of <a href="{ $url }">{ $title }</a>: those who named the groups you lead. Confirmed by email; never public.
org-download-csv = Download as CSV
org-volunteers-caption = Confirmed volunteers, the latest first
org-wants-to = Wants to
org-message = Message
org-confirmed = Confirmed
org-not-listed = (not listed)

## Mail to accounts, teams, volunteers, signers of updates and recipients.

mail-already-subject = You have already signed “{ $title }”
mail-account-confirm-subject = Confirm your Undersigned account
mail-account-exists-subject = You already have an Undersigned account
mail-reset-subject = Reset your Undersigned password
mail-response-subject = Response from { $from }: “{ $title }”
mail-update-subject = { $update } · “{ $title }”
mail-delivery-subject = Open letter: “{ $title }”, with { $count } signatures
mail-invitation-subject = Join the team of the { $what ->
    [campaign] campaign
   *[letter] letter
} “{ $title }”
mail-volunteer-confirm-subject = Confirm you want to organise with “{ $title }”
mail-volunteer-welcome-subject = Welcome to “{ $title }”
mail-account-footer-why = You get this email because someone entered { $email } on Undersigned. If it wasn't you, ignore it.
mail-account-exists = Someone (probably you) tried to create an Undersigned account with this address, which already has one. Nothing has changed.
mail-account-exists-reset = If you forgot your password, you can reset it here:
mail-account-exists-reset-html = If you forgot your password, <a href="{ $url }">reset it here</a>.
mail-account-confirm = To finish creating your Undersigned organiser account, open this link and press the button (it works for { $hours } hours):
mail-account-confirm-html = To finish creating your Undersigned organiser account, <a href="{ $url }">confirm your address</a> (the link works for { $hours } hours).
mail-reset = To choose a new password for your Undersigned account, open this link (it works for { $n ->
    [one] { $count } hour
   *[other] { $count } hours
}):
mail-reset-html = To choose a new password for your Undersigned account, <a href="{ $url }">open this link</a> (it works for { $n ->
    [one] { $count } hour
   *[other] { $count } hours
}).
mail-reset-note = Setting a new password logs you out everywhere. If you didn't ask for this, ignore this email: your password stays as it is.
mail-update-response = { $from } has responded to “{ $title }”, the letter you signed.
mail-update-response-html = <strong>{ $from }</strong> has responded to <a href="{ $url }">{ $title }</a>, the letter you signed.
mail-update-posted = The organisers of “{ $title }”, the letter you signed, have posted an update.
mail-update-posted-html = The organisers of <a href="{ $url }">{ $title }</a>, the letter you signed, have posted an update.
mail-update-read-it = Read it on the letter's page:
mail-update-footer-why = You get this email because you signed “{ $title }” and agreed to hear from its organisers.
mail-update-stop = To stop these emails about this letter, open this link and press the button:
mail-update-stop-link = Stop these emails about this letter
mail-to = To: { $to }
mail-delivery-count = { $count } people have signed this open letter to you. It is delivered to you on { $on }.
mail-delivery-count-verified = { $count } people have signed this open letter to you, { $verified } of them from addresses verified at their institution. It is delivered to you on { $on }.
mail-delivery-count-html = <strong>{ $count }</strong> people have signed this open letter to you. It is delivered to you on { $on }.
mail-delivery-count-verified-html = <strong>{ $count }</strong> people have signed this open letter to you, <strong>{ $verified }</strong> of them from addresses verified at their institution. It is delivered to you on { $on }.
mail-delivery-groups = Signatures by group
mail-delivery-pdf = The letter with every public signature, as a PDF:
mail-delivery-page = The letter's page, with the list as it grows:
mail-delivery-page-link = The letter's page
mail-delivery-footer-why = You get this email because the organisers of this open letter named you as one of its recipients.
mail-invitation = { $who } invites you to join the team of the { $what ->
    [campaign] campaign
   *[letter] letter
} “{ $title }” on Undersigned, as { $role ->
    [owner] an owner (everything, the team included).
    [editor] an editor (writing, updates, delivery).
    [lead] its lead (the group's numbers, its list and its volunteers).
   *[viewer] a viewer (the numbers, the lists and the exports).
}
mail-invitation-html = { $who } invites you to join the team of the { $what ->
    [campaign] campaign
   *[letter] letter
} <a href="{ $url }">“{ $title }”</a> on Undersigned, as { $role ->
    [owner] an owner (everything, the team included).
    [editor] an editor (writing, updates, delivery).
    [lead] its lead (the group's numbers, its list and its volunteers).
   *[viewer] a viewer (the numbers, the lists and the exports).
}
mail-invitation-accept = To accept, open this link and log in (or create an account):
mail-invitation-accept-html = To accept, <a href="{ $url }">open this link</a> and log in (or create an account).
mail-invitation-what = { $what ->
    [campaign] The campaign:
   *[letter] The letter:
}
mail-invitation-ignore = If you don't want to join, ignore this email.
mail-volunteer-thanks = Thank you for signing up to organise with “{ $title }”.
mail-volunteer-thanks-html = Thank you for signing up to organise with <strong>{ $title }</strong>.
mail-volunteer-confirm = Confirm it by opening this link and pressing the button (it works for { $hours } hours):
mail-volunteer-confirm-html = <a href="{ $url }">Confirm it</a> by opening this link and pressing the button (it works for { $hours } hours).
mail-volunteer-who-sees = Only the campaign's organisers (and, if you named your campus or workplace, its leads) will see your name, address and message. Nothing is published.
mail-volunteer-footer-why = You get this email because someone signed up to organise with this address. If it wasn't you, ignore it: nothing happens without confirmation.
mail-volunteer-welcome = Welcome to “{ $title }”: you are confirmed as a volunteer, and the organisers will be in touch.
mail-volunteer-welcome-html = Welcome to <a href="{ $url }">{ $title }</a>: you are confirmed as a volunteer, and the organisers will be in touch.
mail-volunteer-resources = What the organisers prepared for you
mail-volunteer-campaign = The campaign:
mail-volunteer-welcome-footer-why = You get this email because you confirmed you want to organise with this campaign.
error-volunteer-group = Choose one of the listed groups, or type your campus or workplace instead.
error-volunteer-help = Choose from the options this campaign offers.

## The forms' errors.

error-required = This is required.
error-control-chars = Remove control characters.
error-reason-required = Give a reason; the organiser or the log will show it.
error-role = Choose owner, editor or viewer.
error-paper-count = Give the number of signatures collected, from 1 to { $max }.
error-future-day = That day has not come yet.
error-paper-day = Give the day they were collected, as YYYY-MM-DD.
error-paper-names = List at most as many names as signatures (and at most { $max }).
error-list-most = List at most { $max }.
error-listed-twice = This is listed twice.
error-win-future = A win is posted once it happened.
error-day-format = Give the day, like 2026-11-30.
error-https-link = Give a web address starting with https://.
error-no-campaign = No campaign of yours has this slug; start it first, or ask its team.
error-recipients-most = A letter names at most { $max } recipients.
error-recipient-twice = Two recipients have this address.
error-goal-range = A goal is between 1 and { $max }.
error-category = Choose one of academics, musicians, lawyers, tech_workers, students, other.
error-language-tag = Give a language tag, like en, es or pt-BR.
error-own-language = This is the letter's own language.
error-groups-most = A letter has at most { $max } groups.
error-verified-needs-domain = Requiring a verified address needs at least one domain.
error-group-slug-twice = Two groups have this slug.
error-status-unknown = Unknown status.
error-domain = Enter a domain like example.com.
error-block-target = Give either an email address or an email domain.
error-time-required = Give a time (UTC).
error-time-format = Give a time like 2026-12-04T15:00Z.
error-time-order = The end must come after the start.
error-update-kind = Choose update or response.
error-title = { $status ->
    [400] Bad request
    [401] Log in first
    [403] Not allowed
    [404] Not found
    [409] Conflict
    [410] Gone
    [422] Not valid
    [429] Too many requests
    [503] Unavailable
   *[other] Something went wrong
}
org-field-groups-placeholder = stanford | Stanford University | stanford.edu
error-slug = Use 2 to 80 lower-case letters, digits and single hyphens, like my-letter.
error-not-a-domain = “{ $domain }” is not a domain like example.edu.
mod-translation = Translation ({ $language })
pdf-page = { $url } · page { $page } of { $pages }
pdf-counts = { $n ->
    [one] { $count } signature as of { $at }
   *[other] { $count } signatures as of { $at }
}

## The chart of signatures over time.

chart-title = Signatures over time: { $title }
chart-total = { $count } in all · per { $bucket ->
    [hour] hour
   *[day] day
}
chart-none = No confirmed signatures yet
chart-goal = goal: { $count }
chart-description = { $n ->
    [one] { $count } signature in all
   *[other] { $count } signatures in all
}, counted by the { $bucket ->
    [hour] hour
   *[day] day
} they were confirmed in.
chart-first = The first was confirmed on { $date }.
chart-milestone = { $count } reached on { $date } at { $time } UTC.
chart-goal-reached = { $count } (the goal) reached on { $date } at { $time } UTC.
badge-label = signatures
share-signed = signed
share-signed-of = signed of { $goal }
feed-letters-title = Undersigned: new open letters
mod-mail-undeliverable = { $n ->
    [one] { $count } address was refused for good by its server: no further updates go to it.
   *[other] { $count } addresses were refused for good by their servers: no further updates go to them.
}

## The API page.
api-title = The API
api-about = Scripts and integrations read and sign letters through a JSON API under /api/v1. This page is read from its description, an <a href="{ $url }">OpenAPI 3.1 document</a> that any OpenAPI tool can load.
api-token-about = Public calls need nothing. Organisers and moderators log in with POST /api/v1/session and send the token it gives as Authorization: Bearer and the token. Every error is an ApiError: a message in English and a code to translate.
api-contents = Contents
api-schemas = Schemas
api-tag = { $tag ->
    [letters] Letters
    [signing] Signing
    [session] Logging in
    [organisers] Organisers
    [moderation] Moderation
    [updates] Updates
    [campaigns] Campaigns
    [teams] Teams
    [log] The signature log
    [webhooks] Webhooks
   *[other] Other calls
}
api-token = { $token ->
    [required] Needs a token.
    [optional] A token shows its team more.
   *[none] Needs no token.
}
api-parameters = Parameters
api-name = Name
api-in = In
api-place = { $place ->
    [path] the path
    [query] the query
   *[other] { $place }
}
api-meaning = Meaning
api-required = required
api-optional = optional
api-body = Body:
api-answers = Answers
api-status = Status
api-schema = Schema

## Webhooks.
mail-webhook-disabled-subject = A webhook of the { $what ->
    [campaign] campaign
   *[letter] letter
} “{ $title }” was turned off
mail-webhook-disabled = A webhook of the { $what ->
    [campaign] campaign
   *[letter] letter
} “{ $title }” has failed every delivery since { $since }, so it was turned off and no more events are sent to it:
mail-webhook-disabled-html = A webhook of the { $what ->
    [campaign] campaign
   *[letter] letter
} <a href="{ $url }">“{ $title }”</a> has failed every delivery since { $since }, so it was turned off and no more events are sent to it:
mail-webhook-answered = Its last answer was HTTP status { $code }.
mail-webhook-no-answer = It did not answer at all (no connection, or no answer in time).
mail-webhook-again = Once the receiver works again, register the endpoint again (its team sees every delivery's status):
mail-webhook-again-html = Once the receiver works again, <a href="{ $url }">register the endpoint again</a> (its team sees every delivery's status).
mail-webhook-footer-why = You get this email at { $email } because you are an owner of this { $what ->
    [campaign] campaign
   *[letter] letter
} on Undersigned.
