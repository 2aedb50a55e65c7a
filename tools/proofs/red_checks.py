"""Compares the checks a run turned red, server by server, with the ones each defect must turn red.

  python3 tools/proofs/red_checks.py SUMMARY EXPECTED [CONTROLS [CAUGHT]]

SUMMARY is a run's summary.json; EXPECTED a file of lines "<vkac.servers entry>\t<defect>\t<check ids>", the checks
that defect must turn red ("?CHECK" for one it may turn red or not, for a reason its patch gives), or "<vkac.servers entry>\t<defect>\terror: <text>" for a defect that must stop every class
before its checks, each result an error naming <text> (a guide file that makes the guide impossible); CONTROLS, comma-separated vkac.servers entries that must turn no check red. Prints one
line per server, appends to CAUGHT (when given) each check a defect turned red as it must, and exits 1 unless each turned exactly its checks red, with no check in error. Used by
tools/prove-refusals (defects of the servers) and tools/prove-fixtures (defects of the guide's files).
"""
import json
import sys


def main(summary_file, expected_file, controls="", caught_file=None):
    run = json.load(open(summary_file))
    columns = {s["spec"]: s["name"] for s in run["servers"]}  # the report's column of each vkac.servers entry
    expected = {}
    for line in open(expected_file):
        spec, name, red = line.rstrip("\n").split("\t")
        expected[columns.get(spec, spec)] = (name, red[len("error:"):].strip() if red.startswith("error:") else set(red.split()))
    # "?CHECK": the defect may turn CHECK red, or not (its patch says why); neither required nor unexpected
    maybe = {server: {c[1:] for c in want if c.startswith("?")} for server, (name, want) in expected.items() if isinstance(want, set)}
    expected = {server: (name, want if isinstance(want, str) else {c for c in want if not c.startswith("?")})
                for server, (name, want) in expected.items()}
    for control in filter(None, controls.split(",")):
        expected[columns.get(control, control)] = (f"none ({control}: the unchanged auth method)", set())
    statuses = {}
    for r in run["results"]:
        statuses.setdefault(r["server"], {}).setdefault(r["checkId"], set()).add(r["status"])
    failed = False
    for server, (name, want) in expected.items():
        if isinstance(want, str):
            results = [r for r in run["results"] if r["server"] == server]
            stray = sorted({r["checkId"] for r in results if r["status"] != "ERROR" or want not in r["message"]})
            ok = results and not stray
            print(f"  {'ok  ' if ok else 'FAIL'} {name}: every class stopped before its checks, naming \"{want}\""
                  if ok else f"  FAIL {name}: not every class stopped naming \"{want}\"" + ("" if results else " (no results)"))
            for c in stray:
                print(f"         NOT STOPPED FOR THAT REASON: {c}")
            failed |= not ok
            continue
        checks = statuses.get(server, {})
        red = {c for c, s in checks.items() if s & {"FAILED", "ERROR"}}
        errors = sorted(c for c, s in checks.items() if "ERROR" in s)
        missed, unexpected = sorted(want - red), sorted(red - want - maybe.get(server, set()))
        ok = checks and not missed and not unexpected and not errors
        print(f"  {'ok  ' if ok else 'FAIL'} {name}: {len(red)} red" + ("" if checks else " (no results: the server did not run)"))
        for c in missed:
            print(f"         STILL GREEN (the suite passes this defect): {c}")
        for c in unexpected:
            print(f"         UNEXPECTEDLY RED: {c}")
        for c in errors:
            print(f"         ERROR (the harness broke, not the check): {c}")
        if caught_file:
            with open(caught_file, "a") as caught:
                caught.writelines(c + "\n" for c in sorted(red & want))
        failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
