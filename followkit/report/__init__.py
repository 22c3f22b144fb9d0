"""The report and its outputs (SPEC §5, §8, §9, §10): the lists and rollups (build), the
.xlsx workbook, the supervisor's view, letters, the calendar, charts.
May import: followkit.rules, followkit.reading, followkit.core.
"""
