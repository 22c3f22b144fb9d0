"""Files that ship inside the package: the notebooks and the sample data.

In the source checkout they live where the SPEC puts them (``notebooks/``,
``data/``); the wheel carries them as ``followkit/notebooks`` and
``followkit/data`` (see ``[tool.setuptools.package-dir]`` in pyproject.toml),
so an installed followkit finds them with :mod:`importlib.resources` from any
folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from followkit.core.errors import FollowkitError

NOTEBOOKS = "followkit.notebooks"
DATA = "followkit.data"


def resource_path(package: str, name: str) -> Path:
    """The path of one shipped file, e.g. ``resource_path(NOTEBOOKS, "dashboard.ipynb")``.

    Raises
    ------
    FollowkitError
        When the installation is incomplete (the file is not there).
    """
    try:
        path = Path(str(files(package).joinpath(name)))
    except ModuleNotFoundError as e:
        raise FollowkitError(f"this followkit installation has no {package!r}: "
                             "reinstall followkit") from e
    if not path.is_file():
        raise FollowkitError(f"this followkit installation is incomplete: {name!r} is "
                             f"missing from {str(path.parent)!r}; reinstall followkit")
    return path

