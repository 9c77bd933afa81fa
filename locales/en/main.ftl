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
