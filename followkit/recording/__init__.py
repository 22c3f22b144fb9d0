"""Recording (SPEC §8, §8.1): what the worker filled in or marked done, written into a copy
of their own tracker, changing only what it records.
May import: followkit.report, followkit.rules, followkit.reading, followkit.core.
"""
