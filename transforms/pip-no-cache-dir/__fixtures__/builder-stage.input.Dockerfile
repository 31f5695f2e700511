FROM python:3.11 AS build
RUN pip wheel -w /wheels flask && pip install build
FROM python:3.11-slim
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl
