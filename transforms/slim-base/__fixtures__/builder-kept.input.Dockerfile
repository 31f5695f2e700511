FROM python:3.12 AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-deps -w /wheels -r requirements.txt
FROM python:3.12
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
CMD ["python", "-m", "app"]
