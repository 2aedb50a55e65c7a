"""The conformance classes a proof runs against a server with one defect: the classes that hold the checks the defect
must (or may) turn red, and the guide's own class, which walks the whole guide. Every other class is left out: a
defect is shown turning exactly its checks red among the classes that hold them, and the guide's scenario still
green; a run with every class (tools/prove-refusals --every-class) shows it against the whole suite.

  python3 tools/proofs/classes_of_checks.py SOURCES EXPECTED OUT

SOURCES is the folder of the conformance classes; EXPECTED the proof's lines "<vkac.servers entry>\t<defect>\t<check ids
or error: text>"; OUT gets, for vkac.classesOfServers, one line "<vkac.servers entry>\t<class>,<class>" per defect.
Exits 1 naming a check no class holds.
"""
import pathlib
import re
import sys

GUIDE_CLASS = "KubernetesAuthGuideIT"


def classes_of_checks(sources):
    holder = {}
    for source in sorted(pathlib.Path(sources).glob("*.java")):
        text = source.read_text()
        checks = re.findall(r'@Check\(\s*id\s*=\s*"([A-Z0-9-]+)"', text)
        if checks and "@ConformanceTest" not in text:
            # a check of a base class runs in the classes that extend it, which this file cannot name
            raise SystemExit(f"classes_of_checks: {source.name} declares checks ({', '.join(checks)}) but is no conformance class;"
                             " teach this script which classes run them")
        for check in checks:
            holder[check] = source.stem
    return holder


def main(sources, expected_file, out_file):
    holder = classes_of_checks(sources)
    lines, unknown = [], set()
    for line in open(expected_file):
        spec, name, red = line.rstrip("\n").split("\t")
        checks = [] if red.startswith("error:") else [c.lstrip("?") for c in red.split()]
        unknown |= {c for c in checks if c not in holder}
        classes = {GUIDE_CLASS} | {holder[c] for c in checks if c in holder}
        lines.append(f"{spec}\t{','.join(sorted(classes))}\n")
    if unknown:
        print(f"classes_of_checks: no conformance class holds {', '.join(sorted(unknown))} (named by {expected_file})", file=sys.stderr)
        return 1
    pathlib.Path(out_file).write_text("".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
