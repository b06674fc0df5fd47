"""Allow ``python -m mgt_assistant``."""

import sys

from mgt_assistant.cli import main

sys.exit(main())
