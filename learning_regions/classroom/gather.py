"""A class's exported files, read together: every reading once, every file accounted for.

:func:`gather` takes the files (a name, a size and a way to read the bytes)
and gives a :class:`ClassData`: the readings, one per student and reading,
and one :class:`FileNote` for each file that was refused, merged or changed.
Nothing raises: a bad file is set aside with a sentence, and the rest loads.

* Files are taken in the order of their names, numbered from 1 ("File 7").
  The sentences name a file by its number; its name (often a student's name)
  is shown only when asked (``show_names``).
* Limits are checked before a file is read: at most :data:`MAX_FILES` files and
  :data:`MAX_TOTAL_BYTES` in all, and no file over
  :data:`~.formats.MAX_FILE_BYTES`.
* The same student twice: an export identical to an earlier one is counted
  once; two exports from the same student (the same name typed in, or without a
  name the same widget until a reload, its ``export_id``) of the same case are
  merged: the later file (by name) is kept; for classify-it their answers are
  merged, the later file's answer kept where they differ.

Standard library only (the class view runs it in the browser's Python).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .formats import CLASSIFY, MAX_FILE_BYTES, MY_REGION, PROFILE, RECIPE, WIDGETS
from .reading import Reading, Refusal, read_export, size_words
from .vocabulary import recipe_cases, statements, vocabulary

#: At most this many files are read at once (the rest are set aside, said).
MAX_FILES = 1_000
#: And at most this many bytes in all.
MAX_TOTAL_BYTES = 20_000_000


@dataclass(frozen=True)
class Source:
    """A file to read: its name, its size, and how to get its bytes (called only
    when the size is within the limits)."""

    name: str
    size: int
    read: Callable[[], bytes]
    modified: float | None = None  # seconds since 1970, when known: the newer of two exports wins

    @classmethod
    def of_bytes(cls, name: str, data: bytes | bytearray | memoryview, modified: float | None = None) -> Source:
        data = bytes(data)
        return cls(str(name), len(data), lambda: data, modified)

    @classmethod
    def of_path(cls, path: Path, name: str | None = None) -> Source:
        stat = path.stat()
        return cls(name or path.name, stat.st_size, path.read_bytes, stat.st_mtime)


@dataclass(frozen=True)
class ClassFile:
    """One file given to the class view: its number (in the order of names), name and size."""

    number: int
    name: str
    size: int
    modified: float | None = field(default=None, compare=False)

    def label(self, show_names: bool = False) -> str:
        return f"File {self.number} ({self.name})" if show_names else f"File {self.number}"


@dataclass(frozen=True)
class FileNote:
    """What happened to one file, as a sentence: ``outcome`` is ``refused``,
    ``merged`` or ``read`` (read, with something left out or changed)."""

    file: ClassFile
    outcome: str
    template: str  # after the file's label; {0}, {1}... are the labels of ``others``
    others: tuple[ClassFile, ...] = ()

    def text(self, show_names: bool = False) -> str:
        return f"{self.file.label(show_names)} " + self.template.format(*(o.label(show_names) for o in self.others))


@dataclass(frozen=True)
class StudentReading:
    """A reading counted in the class: who (a pseudonym, and the name typed in
    if any) and the files it came from."""

    reading: Reading
    student: str
    files: tuple[ClassFile, ...]

    @property
    def name(self) -> str:
        return self.reading.student

    @property
    def kind(self) -> str:
        return self.reading.kind

    @property
    def values(self):
        return self.reading.values

    @property
    def file(self) -> ClassFile:
        """The file counted (the last one of a merge)."""
        return self.files[-1]

    def who(self, show_names: bool = False) -> str:
        """How the class view names the student: nothing when names are hidden."""
        if not show_names:
            return ""
        name = self.reading.student or "no name given"
        return f"{name} ({', '.join(f.name for f in self.files)})"


@dataclass
class ClassData:
    """Everything read from a class's files."""

    files: list[ClassFile] = field(default_factory=list)
    readings: list[StudentReading] = field(default_factory=list)
    notes: list[FileNote] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[StudentReading]:
        return [r for r in self.readings if r.kind == kind]

    @property
    def refused(self) -> list[FileNote]:
        return [n for n in self.notes if n.outcome == "refused"]

    @property
    def merged(self) -> list[FileNote]:
        return [n for n in self.notes if n.outcome == "merged"]

    @property
    def students(self) -> int:
        return len({r.student for r in self.readings})

    def summary(self) -> str:
        """One sentence on what was read."""
        if not self.files:
            return "No files yet."
        kinds = []
        for kind, one, many in (
            ("profile", "profile", "profiles"),
            ("classify", "set of classify-it answers", "sets of classify-it answers"),
            ("recipe", "recipe mix", "recipe mixes"),
        ):
            n = len(self.of_kind(kind))
            if n:
                kinds.append(f"{n} {one if n == 1 else many}")
        read = ", ".join(kinds) if kinds else "no reading"
        files = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        students = self.students
        extra = []
        if self.refused:
            extra.append(f"{len(self.refused)} set aside")
        if self.merged:
            extra.append(f"{len(self.merged)} merged")
        return (
            f"Read {files}: {read} from {students} student{'s' if students != 1 else ''}"
            + (f" ({', '.join(extra)}; see below)" if extra else "")
            + "."
        )

    def attrs(self) -> dict:
        """What ``load_class_profiles`` puts in each DataFrame's ``attrs`` (file names shown:
        the lecturer's own analysis)."""
        return {
            "files_read": len(self.files),
            "students": self.students,
            "refused": [{"file": n.file.name, "reason": n.text(True)} for n in self.refused],
            "merged": [{"file": n.file.name, "note": n.text(True)} for n in self.merged],
            "notes": [{"file": n.file.name, "note": n.text(True)} for n in self.notes if n.outcome == "read"],
        }


def _identity(reading: Reading) -> tuple[str, str]:
    if reading.student:
        return ("name", " ".join(reading.student.casefold().split()))
    if reading.export_id:
        return ("id", reading.export_id)
    return ("content", reading.fingerprint)


def _key(reading: Reading) -> tuple:
    who = _identity(reading)
    if reading.format == PROFILE:
        case = reading.case_id if reading.case_id != MY_REGION else (MY_REGION, reading.case_name.casefold())
        return (reading.format, case, who)
    if reading.format == RECIPE:
        return (reading.format, reading.case_id, who)
    return (reading.format, who)


def _same(who: tuple[str, str]) -> str:
    return "the same name" if who[0] == "name" else "the same widget, before a reload"


def gather(sources: Iterable[Source]) -> ClassData:
    """Read every file; merge what comes from the same student; say what was set aside and why."""
    items = sorted(sources, key=lambda s: (s.name.casefold(), s.name, s.size))
    data = ClassData()
    voc = vocabulary()
    total = 0
    accepted: list[tuple[ClassFile, Reading]] = []
    for index, source in enumerate(items):
        file = ClassFile(index + 1, source.name, source.size, source.modified)
        data.files.append(file)
        if index >= MAX_FILES:
            data.notes.append(
                FileNote(
                    file,
                    "refused",
                    f"was not read: the class view reads at most {MAX_FILES:,} "
                    "files at once (load the rest on their own).",
                )
            )
            continue
        if source.size > MAX_FILE_BYTES:
            data.notes.append(
                FileNote(
                    file,
                    "refused",
                    f"was set aside: it is {size_words(source.size)}, larger than any "
                    f"export can be ({size_words(MAX_FILE_BYTES)} at most), so it was not read.",
                )
            )
            continue
        if total + source.size > MAX_TOTAL_BYTES:
            data.notes.append(
                FileNote(
                    file,
                    "refused",
                    f"was not read: the files before it come to "
                    f"{size_words(total)}, near the {size_words(MAX_TOTAL_BYTES)} the class view "
                    "reads at once (load the rest on their own).",
                )
            )
            continue
        total += source.size
        try:
            result = read_export(source.read(), voc)
        except OSError as error:  # a file that went away or cannot be opened
            result = Refusal(f"could not be opened ({error.strerror or error})")
        if isinstance(result, Refusal):
            data.notes.append(FileNote(file, "refused", f"was set aside: {result.reason}."))
            continue
        if result.notes:
            data.notes.append(FileNote(file, "read", f"was read, but {'; '.join(result.notes)}."))
        accepted.append((file, result))
    data.readings = _merge(accepted, data.notes)
    return data


def _merge(accepted: Sequence[tuple[ClassFile, Reading]], notes: list[FileNote]) -> list[StudentReading]:
    kept: list[list] = []  # [reading, files]
    by_print: dict[tuple[str, str], int] = {}
    by_key: dict[tuple, int] = {}
    for file, reading in accepted:
        printed = (reading.format, reading.fingerprint)
        if printed in by_print:
            slot = kept[by_print[printed]]
            notes.append(
                FileNote(
                    file,
                    "merged",
                    "is identical to {0}, so it was counted once (if two students "
                    "really gave the same reading, ask them to type their names before exporting).",
                    (slot[1][0],),
                )
            )
            slot[1].append(file)
            continue
        key = _key(reading)
        if key in by_key:
            slot = kept[by_key[key]]
            earlier, files = slot
            same = _same(_identity(reading))
            newer = _newer(file, files[-1])
            if reading.format == CLASSIFY:
                first, last = (earlier, reading) if newer else (reading, earlier)
                merged = {**first.values, **last.values}
                slot[0] = dataclasses.replace(
                    last, values={k: merged[k] for k in sorted(merged, key=_statement_order())}
                )
                notes.append(
                    FileNote(
                        file,
                        "merged",
                        f"comes from the same student as {{0}} ({same}): their answers were "
                        f"merged, the {'newer' if _dated(file, files[-1]) else 'later'} file's answer kept "
                        "where the two differ.",
                        (files[-1],),
                    )
                )
                if newer:
                    files.append(file)
                else:
                    files.insert(len(files) - 1, file)
            else:
                what = (
                    f"of {reading.case_name}"
                    if reading.format == PROFILE
                    else (
                        f"compared with {recipe_cases().get(reading.case_id, reading.case_id)}"
                        if reading.case_id
                        else "with no case compared"
                    )
                )
                which = "newer" if _dated(file, files[-1]) else "later (by name)"
                if newer:
                    for old in files:
                        notes.append(
                            FileNote(
                                old,
                                "merged",
                                f"was replaced by {{0}}, a {which} {WIDGETS[reading.format]} "
                                f"export {what} from the same student ({same}).",
                                (file,),
                            )
                        )
                    slot[0] = reading
                    files.append(file)
                else:
                    notes.append(
                        FileNote(
                            file,
                            "merged",
                            f"was replaced by {{0}}, a {which} {WIDGETS[reading.format]} "
                            f"export {what} from the same student ({same}).",
                            (files[-1],),
                        )
                    )
                    files.insert(len(files) - 1, file)
            by_print[printed] = by_key[key]
            continue
        by_key[key] = by_print[printed] = len(kept)
        kept.append([reading, [file]])
    pseudonyms: dict[tuple[str, str], str] = {}
    width = 2 if len(kept) < 100 else 3
    out = []
    for reading, files in kept:
        who = _identity(reading)
        if who not in pseudonyms:
            pseudonyms[who] = f"S{len(pseudonyms) + 1:0{width}d}"
        out.append(StudentReading(reading, pseudonyms[who], tuple(files)))
    return out


def _dated(a: ClassFile, b: ClassFile) -> bool:
    return a.modified is not None and b.modified is not None and a.modified != b.modified


def _newer(a: ClassFile, b: ClassFile) -> bool:
    """Whether ``a`` is the newer export: by the time it was saved when both are
    known and differ, else by its place in the order of names."""
    if _dated(a, b):
        return a.modified > b.modified
    return a.number > b.number


def _statement_order():
    order = {k: i for i, k in enumerate(statements())}
    return lambda k: order.get(k, len(order))


# --------------------------------------------------------------- from disk


def sources_from_paths(path_or_paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Source]:
    """Every file in a folder (and its subfolders: a learning environment's
    download often gives each student a folder), or the files listed. Hidden
    files and folders (``.DS_Store``, ``__MACOSX``) are skipped."""
    if isinstance(path_or_paths, (str, os.PathLike)):
        paths = [Path(path_or_paths)]
    else:
        paths = [Path(p) for p in path_or_paths]
    sources: list[Source] = []
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                relative = found.relative_to(path)
                if found.is_file() and not any(part.startswith((".", "__MACOSX")) for part in relative.parts):
                    sources.append(Source.of_path(found, relative.as_posix()))
        elif path.is_file():
            sources.append(Source.of_path(path))
        else:
            raise FileNotFoundError(
                f"{path}: no such file or folder (give the folder of the class's exported files, "
                "or a list of the files)"
            )
    return sources


def read_class(path_or_paths: str | os.PathLike | Iterable[str | os.PathLike]) -> ClassData:
    """:func:`gather` over the files of a folder (or a list of paths)."""
    return gather(sources_from_paths(path_or_paths))


__all__ = [
    "MAX_FILES",
    "MAX_TOTAL_BYTES",
    "ClassData",
    "ClassFile",
    "FileNote",
    "Source",
    "StudentReading",
    "gather",
    "read_class",
    "sources_from_paths",
]
