# CMake package config of plaint (installed by tools/ffi/install.sh).
#   find_package(plaint REQUIRED)
#   target_link_libraries(app PRIVATE plaint::plaint)          # libplaint.so.1
#   target_link_libraries(app PRIVATE plaint::plaint_static)   # libplaint.a
get_filename_component(_plaint_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET plaint::plaint)
  add_library(plaint::plaint SHARED IMPORTED)
  set_target_properties(plaint::plaint PROPERTIES
    IMPORTED_LOCATION "${_plaint_prefix}/lib/libplaint.so.1"
    IMPORTED_SONAME "libplaint.so.1"
    INTERFACE_INCLUDE_DIRECTORIES "${_plaint_prefix}/include")
endif()
if(NOT TARGET plaint::plaint_static)
  find_package(Threads REQUIRED)
  add_library(plaint::plaint_static STATIC IMPORTED)
  set_target_properties(plaint::plaint_static PROPERTIES
    IMPORTED_LOCATION "${_plaint_prefix}/lib/libplaint.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_plaint_prefix}/include"
    INTERFACE_LINK_LIBRARIES "Threads::Threads;gcc_s;util;rt;m;dl")
endif()
set(plaint_INCLUDE_DIRS "${_plaint_prefix}/include")
set(plaint_LIBRARIES plaint::plaint)
unset(_plaint_prefix)
