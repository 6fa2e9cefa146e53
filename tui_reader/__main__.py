"""`python -m tui_reader` is the same as `warday`."""

from tui_reader.cli import main

raise SystemExit(main())
