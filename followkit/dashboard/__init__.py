"""The dashboard (notebook and Voilà app): widgets and their state, HTML templates and CSS,
the tabs, Mark done, the check-columns panel, and the app server.
May import: followkit.session and everything below it.
"""
