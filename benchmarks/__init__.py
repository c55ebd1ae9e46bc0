"""Benchmarks of the runtime against raw httpx (the floor), the generated functions
and the official ``anthropic`` SDK: ``python -m benchmarks`` (see README.md here).

Deliberately empty of imports: ``python -m benchmarks.contenders`` imports this
package in every measured process.
"""
