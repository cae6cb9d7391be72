"""Builds the evcode Python package: `pip install ./python` (or
`python3 setup.py build_ext`). The extension links the static library of a
CMake build of this tree: $EVCODE_BUILD_DIR, else ../build, which is built
(`cmake --build`, target evcode_lib) when it holds no libevcode.a. `make`
builds the same extension into build/python for the tests."""
import os
import subprocess

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.environ.get("EVCODE_BUILD_DIR") or os.path.join(ROOT, "build")
LIB = os.path.join(BUILD, "libevcode.a")

if not os.path.exists(LIB):
    subprocess.run(["cmake", "-S", ROOT, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release"], check=True)
    subprocess.run(["cmake", "--build", BUILD, "--target", "evcode_lib", "-j", "2"], check=True)

setup(
    name="evcode",
    version="0.1.0",
    description="News text in, CAMEO-coded events and attributed quotations out (Python binding)",
    license="MIT",
    python_requires=">=3.9",
    packages=["evcode", "evcode.dask"],
    package_data={"evcode": ["py.typed", "*.pyi"]},
    extras_require={"dask": ["dask", "distributed"]},
    ext_modules=[
        Extension(
            "evcode._evcode",
            sources=["src/_evcode.c"],
            include_dirs=[os.path.join(ROOT, "include")],
            extra_objects=[LIB],
            libraries=["sqlite3", "m", "pthread"],
            extra_compile_args=["-std=c11", "-fvisibility=hidden"],
        )
    ],
)
