# Turns console/index.html into a C++ source (cmake -P, run by http/CMakeLists.txt at build time):
# the page as a raw string literal, and a Content-Security-Policy that allows the page's one inline
# <style> and one inline <script> by their SHA-256 hashes instead of 'unsafe-inline'.
# Usage: cmake -DINPUT=console/index.html -DOUTPUT=console_page_data.cpp -P console/embed.cmake
cmake_minimum_required(VERSION 3.25)

# Base64 of the bytes a hex string spells (CSP hashes are base64, string(SHA256) gives hex).
function(hex_to_base64 hex out_var)
  set(alphabet "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  string(LENGTH "${hex}" length)
  set(result "")
  set(i 0)
  while(i LESS length)
    string(SUBSTRING "${hex}" ${i} 6 chunk)
    string(LENGTH "${chunk}" chunk_length)
    set(padded "${chunk}000000")
    string(SUBSTRING "${padded}" 0 6 padded)
    math(EXPR value "0x${padded}")
    set(group "")
    foreach(shift 18 12 6 0)
      math(EXPR index "(${value} >> ${shift}) & 63")
      string(SUBSTRING "${alphabet}" ${index} 1 letter)
      string(APPEND group "${letter}")
    endforeach()
    if(chunk_length EQUAL 2)
      string(SUBSTRING "${group}" 0 2 group)
      string(APPEND group "==")
    elseif(chunk_length EQUAL 4)
      string(SUBSTRING "${group}" 0 3 group)
      string(APPEND group "=")
    endif()
    string(APPEND result "${group}")
    math(EXPR i "${i} + 6")
  endwhile()
  set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

# The CSP source expression of the text between the page's only `<tag>` and `</tag>`.
function(inline_hash html tag out_var)
  string(FIND "${html}" "<${tag}>" open)
  string(FIND "${html}" "<${tag}>" open_last REVERSE)
  string(FIND "${html}" "</${tag}>" close)
  if(open EQUAL -1 OR close EQUAL -1 OR NOT open EQUAL open_last)
    message(FATAL_ERROR "${INPUT}: expected exactly one <${tag}> ... </${tag}> block (no attributes)")
  endif()
  string(LENGTH "<${tag}>" open_length)
  math(EXPR begin "${open} + ${open_length}")
  math(EXPR length "${close} - ${begin}")
  string(SUBSTRING "${html}" ${begin} ${length} body)
  string(SHA256 digest "${body}")
  hex_to_base64("${digest}" encoded)
  set(${out_var} "'sha256-${encoded}'" PARENT_SCOPE)
endfunction()

file(READ "${INPUT}" html)
set(delimiter "braid_console")
string(FIND "${html}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw string delimiter )${delimiter}\"")
endif()
inline_hash("${html}" "script" script_hash)
inline_hash("${html}" "style" style_hash)
set(csp "default-src 'none'; script-src ${script_hash}; style-src ${style_hash}; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

file(WRITE "${OUTPUT}" "// Generated from console/index.html by console/embed.cmake: do not edit.
#include \"http/console_page.hpp\"

namespace braid::http {

std::string_view console_html() {
    static constexpr std::string_view html = R\"${delimiter}(${html})${delimiter}\";
    return html;
}

std::string_view console_content_security_policy() {
    return \"${csp}\";
}

}  // namespace braid::http
")
