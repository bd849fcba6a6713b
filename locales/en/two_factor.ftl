# Two-factor log-in (decision 0054).
two-factor-link = Two-factor log-in (code from an app)
two-factor-title = Two-factor log-in
two-factor-intro = With two-factor log-in you type a six-digit code from an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator or 1Password) after your password.
two-factor-code = Code from your authenticator app
two-factor-code-hint = Lost your phone? Type one of your recovery codes instead.
two-factor-code-new = The six-digit code the app shows now
two-factor-code-current = A code from your app, or a recovery code
two-factor-submit = Continue
two-factor-back = Start the log-in again
two-factor-wrong-code = That code is not right, or it has been used already. Type the code the app shows now (it changes every 30 seconds), or a recovery code.
two-factor-wrong-new-code = That code is not right. Type the code the app shows now for the Kundekort account you just added (it changes every 30 seconds).
two-factor-start-again = The log-in was not finished in time, or too many codes were wrong. Log in with your password again.
two-factor-enrol-required = Your firm requires two-factor log-in. Set it up now to continue.
two-factor-setup-title = Set up your authenticator app
two-factor-setup-scan = Open your authenticator app, add an account and scan this QR code.
two-factor-setup-manual = Cannot scan? Type this key into the app instead (time-based):
two-factor-turn-on = Turn on
two-factor-set-up = Set up two-factor log-in
two-factor-on-now = Two-factor log-in is on.
two-factor-continue = Continue
two-factor-codes-title = Your recovery codes
two-factor-codes-once = Each code works once, instead of a code from the app. Print them or keep them somewhere safe now: they are not shown again.
two-factor-codes-left = { $count ->
    [0] You have no unused recovery codes left: make new ones.
    [one] You have one unused recovery code.
   *[other] You have { $count } unused recovery codes.
}
two-factor-status-on = Two-factor log-in is on.
two-factor-status-off = Two-factor log-in is off.
two-factor-required-note = Your firm requires two-factor log-in for your role, so it cannot be turned off.
two-factor-required-keep = Your firm requires two-factor log-in for your role: it cannot be turned off. Ask an admin if you have lost your phone and your recovery codes.
two-factor-new-phone = New phone
two-factor-new-phone-button = Set up a new authenticator
two-factor-renew-codes = New recovery codes
two-factor-renew-codes-button = Make ten new codes
two-factor-turn-off = Turn off
two-factor-turn-off-button = Turn off two-factor log-in
two-factor-turned-off = Two-factor log-in is off.
two-factor-reset-self = You cannot reset your own two-factor log-in here; use your own settings.
# Admin
two-factor-required-title = Two-factor log-in required for
two-factor-required-hint = Users with a ticked role who have not set it up are logged out now and must set it up at their next log-in.
two-factor-required-self = You have not set up two-factor log-in yourself.
two-factor-user-on = Two-factor log-in: on
two-factor-user-off = Two-factor log-in: off
two-factor-user-reset = Reset two-factor log-in
two-factor-user-reset-hint = For a user who has lost their phone and recovery codes: the key and codes are removed and the user is logged out everywhere.
two-factor-user-was-reset = Two-factor log-in was reset, and the user was logged out everywhere.
seclog-kind-two-factor-enabled = Two-factor log-in set up
seclog-kind-two-factor-disabled = Two-factor log-in turned off
seclog-kind-two-factor-reset = Two-factor log-in reset by an admin
seclog-kind-two-factor-failed = Wrong two-factor code
seclog-kind-recovery-code-used = Recovery code used
seclog-kind-recovery-codes-renewed = New recovery codes made
seclog-kind-two-factor-settings = Two-factor log-in requirement changed
# Re-authentication before sensitive changes
reauth-title = Confirm it is you
reauth-why = This change needs your password again, because you logged in more than 10 minutes ago. Then make the change once more.
reauth-kept = This change needs your password again, because you logged in more than 10 minutes ago. What you typed is kept: the change is made once you have confirmed.
reauth-resume = Confirmed. The change is now sent as you typed it.
reauth-resume-submit = Finish the change
reauth-wrong-password = The password is not right.
# Contacts and workers (decision 0059)
two-factor-required-approvers = Portal contacts who may approve timesheets or sign documents
two-factor-required-approvers-hint = Contacts with one of these rights who have not set it up are logged out now and must set it up at their next log-in. A one-time link to approve one timesheet still works without it.
two-factor-required-note-approver = The firm requires two-factor log-in of contacts who may approve timesheets or sign, so it cannot be turned off.
two-factor-required-keep-approver = The firm requires two-factor log-in of contacts who may approve timesheets or sign: it cannot be turned off. Ask the staffing agency if you have lost your phone and recovery codes.
two-factor-holder-reset-hint = For someone who has lost their phone and recovery codes: the key and codes are removed and they are logged out everywhere.
