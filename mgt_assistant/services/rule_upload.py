"""An admin's upload of a packed rules folder: unpacked safely, then stored like an import."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Final

from sqlmodel import Session

from mgt_assistant.db.models import Role, User
from mgt_assistant.services.errors import AccessDenied
from mgt_assistant.services.rule_versions import RuleVersionError, Stored, store_rule_folder

MAX_UPLOAD_BYTES: Final = 5 * 1024 * 1024
MAX_FILES: Final = 500


def _safe_member(name: str) -> PurePosixPath | None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise RuleVersionError(f"Zip-filen innehåller en otillåten sökväg: {name}")
    if name.endswith("/") or path.suffix != ".yaml" or path.name.startswith("."):
        return None
    return path


def _unpack(data: bytes, target: Path) -> Path:
    """Unpack the YAML files of a zip into ``target``; return the folder with ruleset.yaml."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise RuleVersionError(
            "Filen är ingen zip-fil. Packa regelkatalogen (mappen rules) som .zip och försök igen."
        ) from None
    with archive:
        members = [(info, _safe_member(info.filename)) for info in archive.infolist()]
        wanted = [(info, path) for info, path in members if path is not None]
        if len(wanted) > MAX_FILES or sum(i.file_size for i, _ in wanted) > MAX_UPLOAD_BYTES:
            raise RuleVersionError("Zip-filen är för stor (högst 5 MB och 500 filer uppackat).")
        for info, path in wanted:
            destination = target.joinpath(*path.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.read(info))
    headers = sorted(target.rglob("ruleset.yaml"), key=lambda p: len(p.parts))
    if not headers:
        raise RuleVersionError(
            "Zip-filen innehåller ingen ruleset.yaml. Packa hela regelkatalogen och försök igen."
        )
    return headers[0].parent


def store_upload(session: Session, data: bytes, *, by: User) -> Stored:
    """Store an uploaded zip of a rules folder as a draft, after the strict check.

    :raise RuleVersionError: for a file that is not a clean rule set (nothing is stored).
    """
    if by.role is not Role.ADMIN:
        raise AccessDenied()
    if len(data) > MAX_UPLOAD_BYTES:
        raise RuleVersionError("Zip-filen är för stor (högst 5 MB).")
    with tempfile.TemporaryDirectory(prefix="mgt-upload-") as folder:
        try:
            return store_rule_folder(
                session, _unpack(data, Path(folder)), by=by, source="uppladdning"
            )
        except UnicodeDecodeError:
            raise RuleVersionError("Regelfilerna måste vara sparade som UTF-8.") from None
