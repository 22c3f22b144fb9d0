"""The floor: python-calamine's raw parse of the input plus xlsxwriter's native
write_row of exactly the cells the report contains, no styling.

Run by bench_report.py as its own process: ``floor.py INPUT CELLS.pickle OUT.xlsx``.
Prints the seconds spent parsing and writing (interpreter start and loading
the pickled cells are not counted).
"""

import pickle
import sys
import time

import xlsxwriter
from python_calamine import CalamineWorkbook


def main(source: str, cells_path: str, out: str) -> None:
    with open(cells_path, "rb") as fh:
        sheets = pickle.load(fh)
    start = time.perf_counter()
    workbook = CalamineWorkbook.from_path(source)
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    parsed = time.perf_counter()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
    book.close()
    done = time.perf_counter()
    print(f"{parsed - start:.6f} {done - parsed:.6f}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
