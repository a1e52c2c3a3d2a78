import json

import jsonschema
import pytest

from newsledger.model import to_json_dict
from newsledger.schema import ledger_schema, schema_json
from tests.conftest import REPO
from tests.test_model import sample_ledger

SCHEMA_FILE = REPO / "docs" / "schema.json"


def test_checked_in_schema_is_generated_from_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), "run `make schema` to regenerate docs/schema.json"


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(ledger_schema())


def test_a_ledger_validates_and_a_broken_one_does_not():
    schema = ledger_schema()
    data = to_json_dict(sample_ledger())
    jsonschema.validate(data, schema)
    data["figures"][0]["span"] = {"start": 0}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_acceptance_article_ledger_validates(acceptance_ledger):
    jsonschema.validate(json.loads(acceptance_ledger.to_json()), json.loads(SCHEMA_FILE.read_text()))
