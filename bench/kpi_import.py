"""How fast the CSV import of KPI actuals records a large file (issue 16: 100,000 rows in under 10 seconds).

    python bench/kpi_import.py [--scales 2000 20000 100000]

For each scale, in a child process on a fresh PostgreSQL database: a strategy in Do with monthly KPIs, and a
CSV file of that many actuals (360 ended months per KPI), imported through delivery.imports.import_actuals as
the page and the API do. Then the same file again, so every row is a correction kept in the history.
Prints rows per second for both.
"""

import argparse
import io
import json
import math
import os
import sys
import time
from pathlib import Path

from fresh import measure_in_child

ROOT = Path(__file__).resolve().parent.parent
PERIODS_PER_KPI = 360  # 30 years of months: every one ended, after 1990


def _measure(scale: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commissioning.settings")
    import django

    django.setup()
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from commissioning import roles
    from delivery import imports, periods, services
    from tests import factories

    commissioner = factories.user(roles.COMMISSIONER, username="bench")
    strategy = factories.StrategyFactory(commissioner=commissioner, delivering=True)
    ends = periods.due(
        "monthly", timezone.localdate().replace(year=timezone.localdate().year - 32), timezone.localdate()
    )
    ends = ends[-PERIODS_PER_KPI:]
    kpis = [
        services.create_kpi(
            strategy=strategy,
            acting_user=commissioner,
            name=f"KPI {n}",
            target=Decimal(90),
            frequency="monthly",
        )
        for n in range(math.ceil(scale / PERIODS_PER_KPI))
    ]
    out = io.StringIO()
    out.write("kpi,period_end,value,note\n")
    for i in range(scale):
        out.write(f"{kpis[i // PERIODS_PER_KPI].pk},{ends[i % PERIODS_PER_KPI].isoformat()},{i % 97}.5,\n")
    data = out.getvalue().encode()
    result = {"rows": scale, "bytes": len(data)}
    for run in ("new", "corrected"):
        started = time.perf_counter()
        saved = imports.import_actuals(
            strategy=strategy,
            upload=SimpleUploadedFile("actuals.csv", data, content_type="text/csv"),
            acting_user=commissioner,
        )
        seconds = time.perf_counter() - started
        assert len(saved) == scale
        result[f"{run}_seconds"] = round(seconds, 2)
        result[f"{run}_rows_per_second"] = round(scale / seconds)
    return result


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=int, nargs="+", default=[2000, 20000, 100000])
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(args.measure)))
        return
    for scale in args.scales:
        found = measure_in_child(__file__, scale, "postgres", "bench_kpi_import")
        print(
            f"{found['rows']:>7,} rows ({found['bytes'] / 1e6:.1f} MB): "
            f"new {found['new_seconds']:.2f} s ({found['new_rows_per_second']:,} rows/s), "
            f"corrected {found['corrected_seconds']:.2f} s ({found['corrected_rows_per_second']:,} rows/s)"
        )


if __name__ == "__main__":
    main()
