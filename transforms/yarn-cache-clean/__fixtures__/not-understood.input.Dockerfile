FROM node:18-alpine
RUN ["yarn", "install"]
RUN <<EOF
yarn install
EOF
