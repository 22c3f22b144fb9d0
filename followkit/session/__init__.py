"""The session: one object that opens the tracker(s) once and answers every front end
(actions per date, the report, outputs, recording), through one service object per concern.
May import: everything below it (datasets, recording, report, rules, reading, core).
"""
