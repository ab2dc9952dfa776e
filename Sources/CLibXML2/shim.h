#ifndef BRIEF_CLIBXML2_SHIM_H
#define BRIEF_CLIBXML2_SHIM_H
// libxml2 pulls in the system ICU, which clashes with Foundation's own copy
// ("'UErrorCode' has different definitions"): switch ICU off before the rest.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>
#include <libxml/xpath.h>
#endif
