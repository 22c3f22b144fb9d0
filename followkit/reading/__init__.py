"""Reading trackers as people keep them (SPEC §2, §2.1): files to tidy tables (a Caseload)
plus the data issues, whatever the layout.
May import: followkit.core.
"""
