from bookbuild.cli import main

raise SystemExit(main())
