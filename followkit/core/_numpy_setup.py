"""Settings numpy reads when it is first imported; followkit imports this first.

numpy asks the kernel for transparent huge pages for every array of 4 MB or
more. Where the kernel's THP ``defrag`` setting is ``madvise`` (the default
of Debian and Ubuntu, and of the machine in benchmarks/RESULTS.md), faulting
such an array in can stall on memory compaction. On a million interviews the
engine's first run in a fresh process (what ``followkit report`` does) took
0.90 s with numpy's advice and 0.66 s without (median of 3 processes each;
repeated runs in one process, on memory already faulted in, were the same
both ways). followkit's big arrays live for a fraction of a second, so it asks
numpy not to, unless the user set ``NUMPY_MADVISE_HUGEPAGE`` themselves. It
has no effect if numpy was imported before followkit.
"""

import os

os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
