"""Typed dependencies, declared once, so every route signature explains itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from mockloop.library import Library
from mockloop.practice.db import Database
from mockloop.settings import Settings


def get_library(request: Request) -> Library:
    return request.app.state.library


def get_database(request: Request) -> Database:
    return request.app.state.database


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.database.session() as session:
        yield session


LibraryDep = Annotated[Library, Depends(get_library)]
DatabaseDep = Annotated[Database, Depends(get_database)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
# scope="function": commit before the response is sent, so a redirect's next request sees the data
# (and a failed commit is an error, not a 303 that lies).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
