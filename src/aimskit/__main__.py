import sys

from aimskit.cli import main

sys.exit(main())
