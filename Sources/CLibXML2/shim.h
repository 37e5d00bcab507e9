#ifndef REGWATCH_CLIBXML2_SHIM_H
#define REGWATCH_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Else encoding.h pulls in the system ICU, whose typedefs clash with Foundation's bundled ICU.
   Side effect: the uconv_* fields vanish from xmlCharEncodingHandler, so Swift never reads that struct. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/uri.h>
#endif
