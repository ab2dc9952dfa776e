#ifndef BRIEF_CYAML_SHIM_H
#define BRIEF_CYAML_SHIM_H
#include <yaml.h>
#endif
