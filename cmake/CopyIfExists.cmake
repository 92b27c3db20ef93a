# cmake -DSRC=dir -DDST=dir -P CopyIfExists.cmake: copies SRC to DST when SRC exists.
if(EXISTS "${SRC}")
  file(COPY "${SRC}/" DESTINATION "${DST}")
endif()
