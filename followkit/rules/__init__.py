"""The follow-up rules (SPEC §4): the step registry (steps), the engine that evaluates every
registered step (engine), the five built-in steps (registered when this package loads), the clock.
May import: followkit.reading, followkit.core.
"""

# The engine's entry point: importing any part of the rules registers the five
# built-in steps first (they register themselves), so the registry is never empty.
from followkit.rules import builtin_steps as _builtin_steps  # noqa: F401, E402
