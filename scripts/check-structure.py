#!/usr/bin/env python3
"""Checks that the workspace keeps the shape ARCHITECTURE.md describes.

1. Module dependencies of the core (`shared/src`): every `crate::<module>` reference
   between top-level modules must be allowed by the table under "Module dependencies"
   in ARCHITECTURE.md, and the graph must have no cycle.
2. Function length: no function in the library crates longer than 80 lines, unless a
   `// long: <why>` comment stands right above it.
3. The console's build: `cargo tree -p agent-console` must not contain sqlx, redis,
   tokenizers or onig_sys.

Usage: scripts/check-structure.py [--skip-cargo]   (exit status 1 on any finding)

Before checking the tree, the script proves its module check is alive: on a copy of
the core with `use crate::orchestrator;` added to `config`, it must report a cycle.
"""

import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORE = os.path.join(ROOT, "shared", "src")
LIBRARIES = ["shared/src", "api/src", "embed/src", "redact/src", "daemon/src", "cli/src", "console/src"]
MAX_FN_LINES = 80
CONSOLE_FORBIDDEN = ["sqlx", "redis", "tokenizers", "onig_sys"]


def strip_code(src):
    """The source with comments, strings and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif src.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif re.match(r'(?:b?r)(#*)"', src[i:i + 40]) and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")):
            m = re.match(r'(b?r)(#*)"', src[i:])
            end = src.find('"' + m.group(2), i + len(m.group(0)))
            j = n if end < 0 else end + 1 + len(m.group(2))
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            j += 1
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c == "'":
            m = re.match(r"'(?:\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", src[i:i + 12])
            if m:
                out.append(" " * len(m.group(0)))
                i += len(m.group(0))
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def rust_files(folder):
    for dirpath, _, files in os.walk(folder):
        for f in sorted(files):
            if f.endswith(".rs"):
                yield os.path.join(dirpath, f)


# --- 1. module dependencies ---------------------------------------------------------

def module_of(path):
    rel = os.path.relpath(path, CORE)
    return None if rel == "lib.rs" else rel.split(os.sep)[0].removesuffix(".rs")


def core_edges():
    """{(from, to): first file that makes the reference}."""
    edges = {}
    for path in rust_files(CORE):
        module = module_of(path)
        if module is None:
            continue
        code = strip_code(open(path, encoding="utf-8").read())
        targets = set(re.findall(r"\bcrate::(\w+)", code))
        for group in re.finditer(r"\bcrate::\{", code):
            depth, j = 1, group.end()
            while depth and j < len(code):
                depth += {"{": 1, "}": -1}.get(code[j], 0)
                j += 1
            inner, level, item = code[group.end():j - 1], 0, ""
            for ch in inner + ",":
                if ch == "{":
                    level += 1
                elif ch == "}":
                    level -= 1
                if ch == "," and level == 0:
                    name = re.match(r"\s*(\w+)", item)
                    if name:
                        targets.add(name.group(1))
                    item = ""
                else:
                    item += ch
        for target in targets:
            if target != module and target not in ("self", "super"):
                edges.setdefault((module, target), os.path.relpath(path, ROOT))
    return edges


def allowed_table():
    """The table under '## Module dependencies' in ARCHITECTURE.md: module -> allowed."""
    text = open(os.path.join(ROOT, "ARCHITECTURE.md"), encoding="utf-8").read()
    start = text.find("## Module dependencies")
    if start < 0:
        sys.exit("ARCHITECTURE.md has no '## Module dependencies' section")
    table = {}
    for line in text[start:].splitlines()[1:]:
        if line.startswith("## "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`"):
            continue
        module = cells[0].strip("`")
        table[module] = set(re.findall(r"`(\w+)`", cells[1]))
    return table


def cycles(graph):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def check_modules():
    problems = []
    edges = core_edges()
    graph = {}
    for (a, b) in edges:
        graph.setdefault(a, set()).add(b)
    modules = {module_of(p) for p in rust_files(CORE)} - {None}
    table = allowed_table()
    for module in sorted(modules - set(table)):
        problems.append(f"module `{module}` is missing from ARCHITECTURE.md's module dependency table")
    for module in sorted(set(table) - modules):
        problems.append(f"ARCHITECTURE.md's module dependency table names `{module}`, which does not exist")
    for (a, b), where in sorted(edges.items()):
        if b in modules and a in table and b not in table[a]:
            problems.append(f"`{a}` uses `{b}` ({where}), which ARCHITECTURE.md does not allow")
    for component in cycles(graph):
        problems.append("module cycle: " + " ↔ ".join(component))
    return problems


# --- 2. function length -----------------------------------------------------------

def long_functions(path):
    raw = open(path, encoding="utf-8").read()
    code = strip_code(raw)
    raw_lines = raw.splitlines()
    found = []
    for m in re.finditer(r"\bfn\s+(\w+)", code):
        j = m.end()
        depth = 0
        # the body's opening brace: the first `{` outside parentheses/angle brackets,
        # unless a `;` ends the declaration first (a trait method without a body)
        while j < len(code):
            ch = code[j]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif ch == ";" and depth == 0:
                j = -1
                break
            elif ch == "{" and depth == 0:
                break
            j += 1
        if j < 0 or j >= len(code):
            continue
        level, k = 0, j
        while k < len(code):
            if code[k] == "{":
                level += 1
            elif code[k] == "}":
                level -= 1
                if level == 0:
                    break
            k += 1
        first = code.count("\n", 0, m.start())
        last = code.count("\n", 0, k)
        length = last - first + 1
        if length > MAX_FN_LINES:
            above = raw_lines[max(0, first - 6):first]
            if not any("// long:" in line for line in above):
                found.append((m.group(1), first + 1, length))
    return found


def check_lengths():
    problems = []
    for folder in LIBRARIES:
        for path in rust_files(os.path.join(ROOT, folder)):
            for name, line, length in long_functions(path):
                rel = os.path.relpath(path, ROOT)
                problems.append(
                    f"{rel}:{line}: `{name}` is {length} lines (at most {MAX_FN_LINES}, "
                    "or say why in a `// long:` comment above it)"
                )
    return problems


# --- 3. the console's build -----------------------------------------------------

def check_console():
    tree = subprocess.run(
        ["cargo", "tree", "-p", "agent-console", "-e", "normal,build,dev", "--prefix", "none"],
        cwd=ROOT, capture_output=True, text=True,
    )
    if tree.returncode != 0:
        return [f"cargo tree -p agent-console failed: {tree.stderr.strip()}"]
    names = {line.split(" ")[0] for line in tree.stdout.splitlines() if line}
    return [
        f"agent-console's build contains `{name}`: it must stay a client of agentd"
        for name in CONSOLE_FORBIDDEN
        if name in names
    ]


def self_test():
    """The module check must catch `config` importing the orchestrator."""
    global CORE
    import shutil
    import tempfile

    real = CORE
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "src")
        shutil.copytree(real, copy)
        with open(os.path.join(copy, "config", "mod.rs"), "a", encoding="utf-8") as f:
            f.write("\n#[allow(unused_imports)]\nuse crate::orchestrator;\n")
        CORE = copy
        try:
            found = check_modules()
        finally:
            CORE = real
    if not any(p.startswith("module cycle") for p in found):
        return ["self-test: `use crate::orchestrator` in config was not reported as a cycle"]
    return []


def main():
    problems = self_test() + check_modules() + check_lengths()
    if "--skip-cargo" not in sys.argv:
        problems += check_console()
    for p in problems:
        print(f"structure: {p}", file=sys.stderr)
    if problems:
        print(f"structure: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("structure: module graph acyclic and as documented, functions short, console a client")
    return 0


if __name__ == "__main__":
    sys.exit(main())
