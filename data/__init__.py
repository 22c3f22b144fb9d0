"""The bundled synthetic sample and template (SPEC §7), shipped as followkit.data."""
