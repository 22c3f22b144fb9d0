"""The floor: python-calamine's raw parse of the input plus xlsxwriter's native
write_row of exactly the cells the report contains, no styling.

Run by bench_report.py as its own process:
``floor.py INPUT CELLS.pickle OUT.xlsx [stream|memory]``. ``stream`` writes with
xlsxwriter's ``constant_memory`` (rows streamed, text inline), ``memory`` keeps the
rows and puts text in the shared strings table; bench_report.py runs both and
takes the faster as the floor. Prints the seconds spent parsing and writing
(interpreter start and loading the pickled cells are not counted).
"""

import os
import pickle
import sys
import time

import xlsxwriter
from python_calamine import CalamineWorkbook


def _clock() -> float:
    """Wall seconds, or CPU seconds under ``bench_report.py --cpu``."""
    cpu = os.environ.get("FOLLOWKIT_BENCH_CLOCK") == "cpu"
    return time.process_time() if cpu else time.perf_counter()


def main(source: str, cells_path: str, out: str, mode: str = "stream") -> None:
    with open(cells_path, "rb") as fh:
        sheets = pickle.load(fh)
    start = _clock()
    workbook = CalamineWorkbook.from_path(source)
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    parsed = _clock()
    book = xlsxwriter.Workbook(out, {"constant_memory": mode == "stream"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
    book.close()
    done = _clock()
    print(f"{parsed - start:.6f} {done - parsed:.6f}")


if __name__ == "__main__":
    main(*sys.argv[1:5])
