# Writes a C++ source file holding the message catalogues. Each catalogue is a list of raw string
# literals of at most 30,000 bytes, cut at line ends, joined once when first asked for: a single
# literal longer than 65,536 bytes is more than compilers must support (clang refuses it under
# -Wpedantic).
function(append_pieces out name text)
  file(APPEND ${out} "const char* const ${name}[] = {\n")
  string(LENGTH "${text}" left)
  while(left GREATER 0)
    if(left GREATER 30000)
      string(SUBSTRING "${text}" 0 30000 piece)
      string(FIND "${piece}" "\n" cut REVERSE)
      if(cut LESS 0)
        message(FATAL_ERROR "a line of ${name} is longer than 30000 bytes")
      endif()
      math(EXPR cut "${cut} + 1")
      string(SUBSTRING "${text}" 0 ${cut} piece)
      string(SUBSTRING "${text}" ${cut} -1 text)
    else()
      set(piece "${text}")
      set(text "")
    endif()
    file(APPEND ${out} "R\"catalogue(${piece})catalogue\",\n")
    string(LENGTH "${text}" left)
  endwhile()
  file(APPEND ${out} "};\n")
endfunction()

file(READ ${DIR}/nl.toml NL_TEXT)
file(READ ${DIR}/en.toml EN_TEXT)
file(WRITE ${OUT} "// Generated from messages/*.toml by cmake/embed_catalogues.cmake. Do not edit.\n")
file(APPEND ${OUT} "#include <string>\n#include <string_view>\nnamespace meldpunt::messages {\nnamespace {\n")
append_pieces(${OUT} kNlPieces "${NL_TEXT}")
append_pieces(${OUT} kEnPieces "${EN_TEXT}")
file(APPEND ${OUT} "template <typename Pieces>\nstd::string joined(const Pieces& pieces) {\n"
                   "    std::string text;\n    for (const char* piece : pieces)\n        text += piece;\n"
                   "    return text;\n}\n}  // namespace\n")
file(APPEND ${OUT} "std::string_view catalogue_text_nl() {\n    static const std::string text = joined(kNlPieces);\n"
                   "    return text;\n}\n")
file(APPEND ${OUT} "std::string_view catalogue_text_en() {\n    static const std::string text = joined(kEnPieces);\n"
                   "    return text;\n}\n")
file(APPEND ${OUT} "}  // namespace meldpunt::messages\n")
