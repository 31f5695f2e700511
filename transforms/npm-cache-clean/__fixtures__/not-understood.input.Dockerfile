FROM node:18-slim
RUN ["npm", "install"]
RUN <<EOF
npm install
EOF
RUN su node -c "npm install"
ONBUILD RUN npm install
