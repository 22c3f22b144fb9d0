"""The notebooks (SPEC §6), shipped inside the wheel as followkit.notebooks."""
