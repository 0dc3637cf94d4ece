/* tree-sitter-hcl's external scanner, its allocations routed through tree-sitter's allocator.
 *
 * The scanner (node_modules/@tree-sitter-grammars/tree-sitter-hcl/src/scanner.c, not ours to
 * edit) calls malloc, calloc, realloc and free itself: a heredoc identifier and the stack of
 * open templates grow there. Outside tree-sitter's allocator, that memory was not counted
 * against the file's parse budget, and a failed allocation aborted the run (it only asserts).
 * Here the four names stand for the allocator tree-sitter uses, which rolelint sets with
 * ts_set_allocator (parsers/terraform/ts_budget.hpp): the scanner's blocks are counted, and
 * when malloc fails they come from the reserve and the parse stops as for tree-sitter's own.
 * The scanner's blocks are created and freed only while a parser lives, after the allocator is
 * set, so every block is freed by the allocator that made it.
 *
 * Every standard header the scanner includes is included first, so that the macros below
 * change the scanner's calls and no declaration. */
#include <assert.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* tree-sitter's current allocator (lib/src/alloc.c). */
extern void *(*ts_current_malloc)(size_t size);
extern void *(*ts_current_calloc)(size_t count, size_t size);
extern void *(*ts_current_realloc)(void *ptr, size_t size);
extern void (*ts_current_free)(void *ptr);

#define malloc(size) ts_current_malloc(size)
#define calloc(count, size) ts_current_calloc(count, size)
#define realloc(ptr, size) ts_current_realloc(ptr, size)
#define free(ptr) ts_current_free(ptr)

#include "scanner.c"
