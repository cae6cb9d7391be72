# Writes OUT: a header defining EVC_BUILD_ID, a hash of the library's sources
# and compile flags, so that a compiled dictionary cache written by one build
# is never read by another (src/cache.c).
# usage: cmake -DOUT=file -DSRC_DIR=dir -DFLAGS=string -P build_id.cmake
file(GLOB files ${SRC_DIR}/*.c ${SRC_DIR}/*.h ${SRC_DIR}/../include/*.h)
list(SORT files)
set(all "${FLAGS}")
foreach(f ${files})
  file(SHA256 ${f} h)
  string(APPEND all "${h}")
endforeach()
string(SHA256 id "${all}")
string(SUBSTRING "${id}" 0 16 id)
set(text "#define EVC_BUILD_ID 0x${id}ULL\n")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE ${OUT} "${text}")
endif()
