"""Settings numpy reads when it is first imported; followkit imports this first.

numpy asks the kernel for transparent huge pages for every array of 4 MB or
more. Where the kernel's THP ``defrag`` setting is ``madvise`` (the default
of Debian and Ubuntu, and of the machine in benchmarks/RESULTS.md), such an
allocation can stall on memory compaction: on a million interviews the engine
ran 40-70 % slower, and twice as unevenly, with it (docs/performance.md).
followkit's big arrays live for a fraction of a second, so it asks numpy not
to, unless the user already set ``NUMPY_MADVISE_HUGEPAGE`` themselves. It has
no effect if numpy was imported before followkit.
"""

import os

os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
