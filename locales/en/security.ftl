# Sessions, time-outs and the security log (decision 0050).
sessions-link = Where you are logged in – see and log out
sessions-title = Where you are logged in
sessions-timeouts = You are logged out after { $idle } without activity, and at the latest { $absolute } after logging in.
sessions-minutes = { $count ->
    [one] one minute
   *[other] { $count } minutes
}
sessions-hours = { $count ->
    [one] one hour
   *[other] { $count } hours
}
sessions-browser = Browser
sessions-browser-on = { $browser } on { $os }
sessions-browser-unknown = Unknown browser
sessions-ip = Address
sessions-started = Logged in
sessions-last-seen = Last used
sessions-this-one = This one
sessions-end = Log out this one
sessions-end-this = Log out here
sessions-end-others = Log out everywhere else
sessions-no-others = You are not logged in anywhere else.
settings-password-changed = Your password is changed. You are logged out everywhere else.

session-settings-title = Log-in
session-settings-saved = The settings are saved. The time-outs apply to log-ins already under way too.
session-settings-idle = Log out after this many minutes without activity
session-settings-absolute = Log out at the latest this many hours after log-in
session-settings-hint = For staff, contacts in the customer portal and workers. The defaults are 480 minutes (8 hours) without activity and 168 hours (7 days) in all.
session-settings-idle-invalid = Enter a whole number of minutes from { $min } to { $max }.
session-settings-absolute-invalid = Enter a whole number of hours from { $min } to { $max }.
session-settings-absolute-short = The longest log-in cannot be shorter than the time without activity.
session-settings-log-days = Keep the security log for this many days
session-settings-log-days-hint = Older events are deleted every night. The default is 400 days. Failed log-ins with an unknown user name make at most ten rows per address and hour (repeats are counted), and only the newest 100,000 are kept.
session-settings-log-days-invalid = Type a whole number of days from { $min } to { $max }.

seclog-title = Security log
seclog-all-users = All users
seclog-all-kinds = All events
seclog-filter = Show
seclog-export = Download CSV
seclog-count = { $count ->
    [0] No events
    [one] One event
   *[other] { $formatted } events
}
seclog-count-more = { $count ->
    [one] More than one event
   *[other] More than { $formatted } events
}
seclog-col-at = Time
seclog-col-kind = Event
seclog-col-who = Who
seclog-col-by = Done by
seclog-col-login = Name typed
seclog-col-ip = Address
seclog-col-detail = Details
seclog-who-contact = { $name } (customer portal)
seclog-who-worker = { $name } (worker)
seclog-kind-login = Log-in
seclog-kind-login-failed = Failed log-in
seclog-kind-logout = Log-out
seclog-kind-session-timeout = Logged out by a time-out
seclog-kind-session-ended = Session ended from the list
seclog-kind-logout-others = Logged out everywhere else
seclog-kind-role-changed = Role changed
seclog-kind-department-changed = Department changed
seclog-kind-password-changed = Password changed
seclog-kind-token-created = API token created
seclog-kind-token-revoked = API token revoked
seclog-kind-token-used = API token used
seclog-kind-token-refused = API token refused
seclog-kind-csrf-refused = Cross-site request refused
seclog-kind-api-rate-limited = API rate limit reached (429)
seclog-kind-access-refused = Access refused
seclog-kind-signing-code-locked = Signing code locked
seclog-kind-honeypot-filled = Robot trap on the application form
seclog-kind-upload-refused = File refused on upload
seclog-kind-session-settings = Log-in time-outs changed
seclog-kind-log-pruned = Old events deleted
seclog-repeats = { $count ->
    [one] once
   *[other] { $count } times within an hour
}
logout-everywhere = Log out everywhere
logout-everywhere-hint = Logs you out on every device where you are logged in, this one too.
seclog-detail-password = wrong password
seclog-detail-unknown = unknown user
seclog-detail-inactive = the user is deactivated
seclog-detail-throttled = refused: too many tries
seclog-detail-portal = customer portal
seclog-detail-worker = workers' pages
seclog-detail-idle = idle for too long
seclog-detail-absolute = longest log-in reached
seclog-detail-cleared = cleared at a later log-in

# An admin ends other people's sessions; re-authentication before ending one's own (decision 0065).
seclog-kind-sessions-revoked = Sessions ended by staff
sessions-user-live = { $count ->
    [0] Not logged in anywhere now.
    [one] Logged in in one place now.
   *[other] Logged in in { $count } places now.
}
sessions-user-end = Log out this user
sessions-user-end-hint = Ends all the user's log-ins at once. Their next click takes them to the log-in page. Their password and API tokens stay as they are.
sessions-user-ended = { $count ->
    [0] The user was not logged in anywhere.
    [one] The user is logged out (one log-in ended).
   *[other] The user is logged out ({ $count } log-ins ended).
}
sessions-end-user-self = You end your own log-ins under "Where you are logged in".
sessions-end-all-title = Log everyone out
sessions-end-all-hint = Ends every log-in of the firm at once – staff, contacts in the customer portal and workers – except your own. Use it when you think a log-in has got into the wrong hands. API tokens keep working; revoke those separately.
sessions-end-all = Log out everyone but me
sessions-end-all-confirm = Log out everyone else in the firm now?
sessions-end-all-unconfirmed = Use the button "Log out everyone but me" on the Log-in page.
sessions-end-all-done = { $count ->
    [0] Nobody else was logged in.
    [one] One log-in was ended.
   *[other] { $count } log-ins were ended.
}
sessions-reauth-why = Type your password again, because you logged in more than 10 minutes ago. The log-in is ended when you have confirmed.
