#pragma once
#include <libxml/xmlversion.h>
/// Debian builds libxml2 with ICU, whose headers would then clash with the ICU copy Foundation
/// brings (`UErrorCode` defined twice). Only `xmlCharEncodingHandler`'s layout depends on it,
/// and motcua never touches that struct.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
