FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN ["npm", "install"]
RUN <<EOF
npm install
EOF
RUN su node -c "npm install"
RUN (cd sub && npm install)
RUN --mount=type=cache,target=/app/node_modules npm install
COPY --from=deps /app/node_modules ./node_modules
RUN npm install
