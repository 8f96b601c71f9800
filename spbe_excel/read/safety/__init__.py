"""Safety before parsing: what a file is from its bytes (``identify``, ``sniff``), the parts of a package
(``package``), the real extent and formulas of every sheet (``extent``, ``xlsb``), and the limits a parser may
be given (``limits``).  Nothing here hands a file to a parser."""
