"""The shared basics every stage uses: column names (schema), errors, file io
(reading any tracker file, writing atomically), the agency's policy, shipped files.
May import: nothing of followkit outside core.
"""
