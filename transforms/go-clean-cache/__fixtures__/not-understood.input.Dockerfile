FROM golang:1.21
RUN ["go", "build", "-o", "/app", "."]
RUN <<EOF
go build -o /app2 .
EOF
