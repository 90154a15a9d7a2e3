#!/usr/bin/perl
# stderr filter of the ./rex launcher: drops libtorch's C++ deprecation warnings ("[W... LegacyTypeDispatch.h:74]
# Warning: AutoNonVariableTypeMode is deprecated ..."), which libtorch prints on its own file descriptor where Java
# cannot silence them, and passes everything else through at once: progress bars redraw with '\r', so text is
# forwarded at every '\r' or '\n', never held for a whole line. './rex --verbose' runs without this filter.
use strict;
use warnings;
$SIG{INT} = $SIG{HUP} = $SIG{TERM} = 'IGNORE'; # the CLI handles signals; this filter ends when its output closes
$| = 1;
my $buf = '';
while (sysread(STDIN, my $chunk, 65536)) {
    $buf .= $chunk;
    while ($buf =~ /^([^\r\n]*[\r\n])/) {
        my $piece = $1;
        $buf = substr($buf, length $piece);
        print STDERR $piece unless $piece =~ /^\[W\d{4} [^\]]*\] Warning: AutoNonVariableTypeMode is deprecated/;
    }
}
print STDERR $buf;
