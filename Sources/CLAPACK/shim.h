// The C interfaces harness uses: CBLAS (Level 2/3), LAPACK's Fortran prototypes and LAPACKE.
// Only LinearAlgebra imports this module. The BLAS library itself is chosen at run time by
// Debian's alternatives (OpenBLAS over the reference implementation); see LinearAlgebra/README.md.
#include <cblas.h>
#include <lapack.h>
#include <lapacke.h>
