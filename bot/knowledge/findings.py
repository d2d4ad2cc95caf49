"""Problems found in knowledge files, reported the way editors and compilers do: file:line: message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    file: str
    line: int
    message: str
    severity: str = "error"  # or "warning": reported, but the knowledge still loads

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}: {tag}{self.message}"


class KnowledgeError(Exception):
    """Raised when knowledge has errors; carries every finding so the caller can show them all."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = [f for f in findings if f.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in the knowledge files:\n" + "\n".join(map(str, errors)))
